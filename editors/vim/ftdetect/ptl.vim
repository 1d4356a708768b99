" .ptl budget performance target tables, and ptlc.settings
autocmd BufRead,BufNewFile *.ptl,ptlc.settings setfiletype ptl
