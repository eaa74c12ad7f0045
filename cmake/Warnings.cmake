# One INTERFACE target carries the warning set; every evident target links it.
add_library(evident_warnings INTERFACE)
target_compile_options(evident_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wzero-as-null-pointer-constant)
# Not -Wnull-dereference: at -O2 GCC 12 reports it inside nlohmann::json and libstdc++ containers
# on paths that cannot happen; ASan and UBSan in CI catch the real thing.
# GCC 12 at -O2 reports false positives inside libstdc++ itself: -Wrestrict for
# `"literal" + std::string&&` (GCC bug 105651) and -Wmaybe-uninitialized in std::regex's automaton
# (GCC bug 105562), both fixed in GCC 13. They say nothing about our code; the sanitizer run and
# the debug build's library assertions cover what they would.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(evident_warnings INTERFACE -Wno-restrict -Wno-maybe-uninitialized)
endif()
# clang 14 (the fuzz build's) reports -Wzero-as-null-pointer-constant at every defaulted
# operator<=>, on the literal 0 its own generated comparison holds; g++ still checks our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 15)
  target_compile_options(evident_warnings INTERFACE -Wno-zero-as-null-pointer-constant)
endif()
if(EVIDENT_WERROR)
  target_compile_options(evident_warnings INTERFACE -Werror)
endif()
# Library assertions catch out-of-range container access in debug builds.
target_compile_definitions(evident_warnings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

if(EVIDENT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

if(EVIDENT_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
