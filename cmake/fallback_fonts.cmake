# The fallback fonts (src/ui/theme/fonts.h): the characters the embedded DejaVu lacks, loaded only
# once text needs them. Droid Sans Fallback (Debian fonts-droid-fallback) has CJK; Symbola
# (fonts-symbola) has emoji and symbols, in outlines stb_truetype draws. The native app and the
# tests read Debian's files (DJQ_FALLBACK_FONT_DEFINITION: the paths, '|' between them, as the C
# macro DJQ_FALLBACK_FONT_FILES); the web build cuts them with pyftsubset to
# fonts/cjk.ttf and fonts/symbols.ttf beside index.html, which the page fetches when asked.
set(DJQ_CJK_FONT_SOURCE "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf" CACHE FILEPATH "CJK fallback font")
set(DJQ_SYMBOLS_FONT_SOURCE "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf" CACHE FILEPATH "Emoji and symbols fallback font")
set(DJQ_FALLBACK_FONT_DEFINITION "DJQ_FALLBACK_FONT_FILES=\"${DJQ_CJK_FONT_SOURCE}|${DJQ_SYMBOLS_FONT_SOURCE}\"")

if(EMSCRIPTEN)
  set(cjk_unicodes "U+2E80-2FFF,U+3000-31FF,U+3400-4DBF,U+4E00-9FFF,U+A960-A97F,U+AC00-D7FF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF")
  set(symbol_unicodes "U+2100-214F,U+2200-23FF,U+2600-27BF,U+2900-2BFF,U+1F000-1FAFF")
  set(fonts_out "${CMAKE_BINARY_DIR}/fonts")
  file(MAKE_DIRECTORY "${fonts_out}")
  add_custom_command(
    OUTPUT "${fonts_out}/cjk.ttf" "${fonts_out}/symbols.ttf"
    COMMAND ${DJQ_PYFTSUBSET} "${DJQ_CJK_FONT_SOURCE}" --unicodes=${cjk_unicodes} --output-file=${fonts_out}/cjk.ttf
    COMMAND ${DJQ_PYFTSUBSET} "${DJQ_SYMBOLS_FONT_SOURCE}" --unicodes=${symbol_unicodes} --no-hinting --output-file=${fonts_out}/symbols.ttf
    DEPENDS "${DJQ_CJK_FONT_SOURCE}" "${DJQ_SYMBOLS_FONT_SOURCE}"
    COMMENT "Cutting the fallback fonts"
    VERBATIM)
  add_custom_target(djq_fallback_fonts ALL DEPENDS "${fonts_out}/cjk.ttf" "${fonts_out}/symbols.ttf")
endif()
