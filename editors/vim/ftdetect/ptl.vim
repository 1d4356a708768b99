" .ptl budget performance target tables, and ptlc.settings.
" Vim and Neovim map *.ptl to Python (Quixote templates) before this file
" is read, and `setfiletype` does nothing once a filetype is set: so this
" sets it outright, after them. (tests/check-vim.sh checks it wins.)
autocmd BufNewFile,BufRead *.ptl,ptlc.settings
      \ if &filetype !=# 'ptl' | set filetype=ptl | endif
