#pragma once
// RFC 6901 JSON pointers, the address every diagnostic carries.
#include <string>
#include <string_view>
#include <vector>

namespace evident {

// "/a~1b" for the token "a/b"; "~" becomes "~0".
std::string escape_pointer_token(std::string_view token);

std::string append_pointer(std::string_view pointer, std::string_view token);
std::string append_pointer(std::string_view pointer, std::size_t index);

// The unescaped tokens of a pointer; "" (the root) has none.
std::vector<std::string> split_pointer(std::string_view pointer);

}  // namespace evident
