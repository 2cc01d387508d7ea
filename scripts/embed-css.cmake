# Writes web/lede.css's sources (IN: a list, joined in order, as scripts/minify-web.mjs
# joins them) into a C++ source file as one raw string literal.
set(css "")
foreach(part IN LISTS IN)
  file(READ "${part}" text)
  string(APPEND css "${text}")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from src/web/article.css and reader.css by scripts/embed-css.cmake.\nnamespace lede {\nextern const char kLedeCss[] = R\"lede_css(${css})lede_css\";\n}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
