#!/bin/sh
# nvim-screenshot.sh OUT.png: the screenshot of docs/img/nvim-lsp.png.
# Neovim in an xterm under Xvfb, with editors/vim's runtime files and the
# ptlc lsp setup of editors/nvim/README.md, opens a clean table; the
# unknown unit 万人次次 is typed on a line of Chinese text, and the
# picture is taken with its diagnostic at the end of the line and the code
# action that replaces it offered below. Needs xvfb, xterm, imagemagick,
# xdotool, fonts-dejavu-core and fonts-noto-cjk (installed when run as
# root); PTLC names the ptlc (build/ptlc).
cd "$(dirname "$0")/.." || exit 2
out=${1:?usage: tools/nvim-screenshot.sh OUT.png}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
sh tools/deps.sh neovim xvfb xterm imagemagick xdotool fonts-noto-cjk fonts-dejavu-core || exit 2
tmp=$(mktemp -d) || exit 2
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/表/.git"
cat >"$tmp/表/信访.ptl" <<'EOF'
project "来访接待专项" {
    year 2026
    amount 10 万元
    goal "全年实现到京非访零登记。"
    indicators {
        产出指标 { 数量指标 { "接待来访群众人次" ≥ 100 万人次 } }
        效益指标 { 社会效益 { "促进社会和谐稳定" ≥ 95 % } }
        成本指标 { 经济成本指标 { "公用经费成本" ≤ 5 万元 } }
        满意度指标 { 服务对象满意度 { "信访人满意度" ≥ 80 % } }
    }
}
EOF
sed -n '/^<!-- nvim-0.7 -->$/,/^```$/p' editors/nvim/README.md | sed '1,2d;$d' >"$tmp/setup.lua"
cat >"$tmp/init.lua" <<EOF
vim.opt.rtp:prepend('$(pwd)/editors/vim')
vim.cmd('filetype plugin indent on | syntax on')
vim.opt.number = true
vim.opt.termguicolors = false
vim.g.ptlc_program = '$PTLC'
dofile('$tmp/setup.lua')
-- type the unit once the server has checked the clean table
vim.defer_fn(function()
  local l = vim.fn.search('万人次 }', 'nw')
  vim.api.nvim_win_set_cursor(0, { l, vim.fn.getline(l):find('次 }', 1, true) - 1 })
  vim.api.nvim_feedkeys('a次' .. vim.api.nvim_replace_termcodes('<Esc>', true, false, true), 'xt', false)
  vim.defer_fn(function()
    vim.api.nvim_win_set_cursor(0, { l, vim.fn.getline(l):find('万人次次', 1, true) - 1 })
    vim.lsp.buf.code_action()
  end, 1500)
end, 1500)
EOF
Xvfb :97 -screen 0 1600x700x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=:97 xterm -fa 'DejaVu Sans Mono' -fd 'Noto Sans Mono CJK SC' -fs 12 -geometry 132x17+0+0 \
    -bg white -fg black \
    -e sh -c "cd '$tmp/表' && nvim -u '$tmp/init.lua' -i NONE 信访.ptl" 2>/dev/null &
sleep 6
DISPLAY=:97 import -window "$(DISPLAY=:97 xdotool search --class xterm | head -n 1)" "$out" || exit 1
echo "wrote $out"
