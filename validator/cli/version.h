#pragma once
// evident's version, as the build sets it (the project version in the top CMakeLists.txt).
#include <string_view>

#ifndef EVIDENT_VERSION
#error "EVIDENT_VERSION is set by the build of the cli layer"
#endif

namespace evident::cli {

inline constexpr std::string_view version = EVIDENT_VERSION;

}  // namespace evident::cli
