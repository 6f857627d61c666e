# Compiler settings shared by every target, and the Debian emscripten 3.1.6 workarounds
# (the team's toolchain spike found each; the comments below say why).

# The core and the front ends never throw: errors are values (Result<T>). Same setting in both
# builds; only the Catch2 test executables turn exceptions back on.
set(DJQ_NO_EXCEPTIONS -fno-exceptions)

if(DJQ_SANITIZE AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(DJQ_FUZZ)  # the core instrumented for libFuzzer, with the sanitizers the fuzz runs rely on
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g -O1)
  add_link_options(-fsanitize=address,undefined)
endif()

if(EMSCRIPTEN)
  # emcc runs tools/acorn-optimizer.js at -O1+, which needs Debian's node-acorn (P2).
  if(NOT DEFINED ENV{NODE_PATH})
    set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
    set(CMAKE_C_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  endif()
  # Compile and link at one level, chosen here rather than by CMAKE_BUILD_TYPE so both agree.
  set(DJQ_WASM_OPT "-O2" CACHE STRING "emcc optimisation level (-O2, -Os, -Oz, -O3)")
  add_compile_options(${DJQ_WASM_OPT})
  add_link_options(${DJQ_WASM_OPT})
  add_compile_definitions(NDEBUG)
  # emcmake's default emulator passes a flag node 20 rejects (P4).
  set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/node CACHE FILEPATH "" FORCE)
  # Debian's catch2, nlohmann and date headers live in /usr/include, which must never be on emcc's
  # include path (glibc headers would shadow the sysroot): expose them through a shim folder (P10).
  set(DJQ_HEADER_SHIM "${CMAKE_BINARY_DIR}/header-shim")
  foreach(dir catch2 nlohmann)
    if(NOT EXISTS "${DJQ_HEADER_SHIM}/${dir}")
      file(MAKE_DIRECTORY "${DJQ_HEADER_SHIM}")
      file(CREATE_LINK "/usr/include/${dir}" "${DJQ_HEADER_SHIM}/${dir}" SYMBOLIC)
    endif()
  endforeach()
  include_directories(SYSTEM "${DJQ_HEADER_SHIM}")
endif()
