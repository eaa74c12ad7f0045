# Every dependency comes from a Debian package; a missing one names the package to install.
macro(evident_require_package found package)
  if(NOT ${found})
    message(FATAL_ERROR "evident: missing dependency. Install it with: apt-get install -y --no-install-recommends ${package}")
  endif()
endmacro()

find_package(nlohmann_json 3.11 QUIET)
evident_require_package(nlohmann_json_FOUND nlohmann-json3-dev)

find_package(CLI11 2.1 QUIET)
evident_require_package(CLI11_FOUND libcli11-dev)

find_package(Boost 1.74 QUIET)
evident_require_package(Boost_FOUND libboost-math-dev)

# valijson ships no version file, so no version is asked for.
find_package(valijson CONFIG QUIET)
evident_require_package(valijson_FOUND libvalijson-dev)

# simdjson parses the common case, a valid file, on the fast path (io/json/quick_parse).
find_package(simdjson QUIET)
evident_require_package(simdjson_FOUND libsimdjson-dev)

find_path(KAINJOW_INCLUDE kainjow/mustache.hpp)
evident_require_package(KAINJOW_INCLUDE libkainjow-mustache-dev)
add_library(evident_mustache INTERFACE)
target_include_directories(evident_mustache SYSTEM INTERFACE "${KAINJOW_INCLUDE}")

find_package(Threads REQUIRED)

if(EVIDENT_BUILD_TESTS)
  find_package(GTest QUIET)
  evident_require_package(GTest_FOUND libgtest-dev)
endif()
