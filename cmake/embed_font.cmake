# Builds djq_font: a C++ array of DejaVu Sans (Debian fonts-dejavu-core) cut down with pyftsubset
# (Debian fonttools) to the glyphs the UI draws. The full font is 760 KB; the cut is about 60 KB,
# which matters for the web download.
find_program(DJQ_PYFTSUBSET pyftsubset REQUIRED)
set(DJQ_FONT_SOURCE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font")
set(DJQ_FONT_MONO_SOURCE "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf" CACHE FILEPATH "UI monospace font")
# Latin-1, general punctuation, arrows, box drawing and geometric shapes, check marks.
set(DJQ_FONT_UNICODES "U+0020-00FF,U+0131,U+0152-0153,U+2000-206F,U+20AC,U+2122,U+2190-21FF,U+2212,U+2500-257F,U+25A0-25FF,U+2713-2717")

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
