# Builds djq_font: a C++ array of DejaVu Sans (Debian fonts-dejavu-core) cut down with pyftsubset
# (Debian fonttools) to the glyphs the UI draws. The full font is 760 KB; the cut is about 60 KB,
# which matters for the web download.
find_program(DJQ_PYFTSUBSET pyftsubset REQUIRED)
set(DJQ_FONT_SOURCE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font")
set(DJQ_FONT_MONO_SOURCE "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf" CACHE FILEPATH "UI monospace font")
# Latin (with the extended blocks), Greek, Cyrillic, general punctuation, currency, arrows, box
# drawing and geometric shapes, check marks. Only Latin-1 and the symbols are rasterised at start;
# the rest when text needs it (src/ui/theme/fonts.h). CJK and emoji come from the fallback fonts.
set(DJQ_FONT_UNICODES "U+0020-024F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2122,U+2190-21FF,U+2212,U+2500-257F,U+25A0-25FF,U+2713-2717")

set(font_dir "${CMAKE_BINARY_DIR}/font")
set(font_cpp "${font_dir}/embedded_fonts.cpp")
# Ninja makes an output's folder itself; Unix Makefiles does not, and pyftsubset writes beside it.
file(MAKE_DIRECTORY "${font_dir}")
add_custom_command(
  OUTPUT "${font_cpp}"
  COMMAND ${DJQ_PYFTSUBSET} "${DJQ_FONT_SOURCE}" --unicodes=${DJQ_FONT_UNICODES} --output-file=${font_dir}/sans.ttf
  COMMAND ${DJQ_PYFTSUBSET} "${DJQ_FONT_MONO_SOURCE}" --unicodes=${DJQ_FONT_UNICODES} --output-file=${font_dir}/mono.ttf
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${font_cpp} "-DINPUTS=${font_dir}/sans.ttf;${font_dir}/mono.ttf"
          "-DNAMES=kSansTtf;kMonoTtf" -P "${CMAKE_SOURCE_DIR}/cmake/bytes_to_cpp.cmake"
  DEPENDS "${DJQ_FONT_SOURCE}" "${DJQ_FONT_MONO_SOURCE}" "${CMAKE_SOURCE_DIR}/cmake/bytes_to_cpp.cmake"
  COMMENT "Embedding the UI fonts"
  VERBATIM)
add_library(djq_font STATIC "${font_cpp}")
target_include_directories(djq_font PUBLIC "${CMAKE_SOURCE_DIR}/src")
