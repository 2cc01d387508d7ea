# Writes src/web/lede.css into a C++ source file as one raw string literal.
file(READ "${IN}" css)
file(WRITE "${OUT}.tmp" "// Generated from src/web/lede.css by scripts/embed-css.cmake.\nnamespace lede {\nextern const char kLedeCss[] = R\"lede_css(${css})lede_css\";\n}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
