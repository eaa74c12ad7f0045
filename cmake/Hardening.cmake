# The hardening Debian builds its own packages with (dpkg-buildflags' defaults on amd64): stack
# protection, _FORTIFY_SOURCE's checked string and memory functions, and a read-only relocation
# table bound at start-up (full RELRO). Not with the sanitizers or libFuzzer, which instrument the
# same functions themselves; _FORTIFY_SOURCE only where the build optimises, which it needs. A
# compiler that already defines _FORTIFY_SOURCE (Ubuntu's does) gets level 2 without a redefinition
# warning.
option(EVIDENT_HARDEN "Build with stack protection, _FORTIFY_SOURCE=2 and full RELRO" ON)

if(EVIDENT_HARDEN AND NOT EVIDENT_SANITIZE AND NOT EVIDENT_FUZZ)
  add_compile_options(-fstack-protector-strong -fstack-clash-protection
                      "$<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
  add_link_options(LINKER:-z,relro LINKER:-z,now)
endif()
