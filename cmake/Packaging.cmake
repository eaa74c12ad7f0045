# What `cmake --install` puts under the prefix, and the Debian package CPack makes of it:
#   bin/evident                                  the binary (schemas and templates are compiled in)
#   share/evident/{schemas,templates}/           copies to read, and to start --template from
#   share/man/man1/evident.1.gz                  the man page, written from the binary's --help
#   share/bash-completion/completions/evident    the bash completion, written the same way
#   share/doc/evident/{copyright,changelog.gz}   what a Debian package carries
include(GNUInstallDirs)

set(EVIDENT_HELP_PAGES "${PROJECT_SOURCE_DIR}/cmake/help_pages.sh")
set(EVIDENT_MAN_PAGE "${PROJECT_BINARY_DIR}/evident.1")
set(EVIDENT_COMPLETION "${PROJECT_BINARY_DIR}/evident.bash-completion")
set(EVIDENT_CHANGELOG "${PROJECT_BINARY_DIR}/changelog")
# gzip -n leaves out the name and time, so the same sources give the same bytes.
add_custom_command(OUTPUT "${EVIDENT_MAN_PAGE}" "${EVIDENT_MAN_PAGE}.gz"
                   COMMAND bash "${EVIDENT_HELP_PAGES}" man "$<TARGET_FILE:evident>" "${EVIDENT_MAN_PAGE}"
                   COMMAND gzip -9nkf "${EVIDENT_MAN_PAGE}"
                   DEPENDS evident "${EVIDENT_HELP_PAGES}" VERBATIM)
add_custom_command(OUTPUT "${EVIDENT_COMPLETION}"
                   COMMAND bash "${EVIDENT_HELP_PAGES}" completion "$<TARGET_FILE:evident>" "${EVIDENT_COMPLETION}"
                   DEPENDS evident "${EVIDENT_HELP_PAGES}" VERBATIM)
add_custom_command(OUTPUT "${EVIDENT_CHANGELOG}.gz"
                   COMMAND "${CMAKE_COMMAND}" -E copy "${PROJECT_SOURCE_DIR}/packaging/changelog" "${EVIDENT_CHANGELOG}"
                   COMMAND gzip -9nf "${EVIDENT_CHANGELOG}"
                   DEPENDS "${PROJECT_SOURCE_DIR}/packaging/changelog" VERBATIM)
add_custom_target(evident_help_pages ALL
                  DEPENDS "${EVIDENT_MAN_PAGE}.gz" "${EVIDENT_COMPLETION}" "${EVIDENT_CHANGELOG}.gz")

install(TARGETS evident RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/schemas/" DESTINATION "${CMAKE_INSTALL_DATADIR}/evident/schemas"
        FILES_MATCHING PATTERN "*.json")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/templates/" DESTINATION "${CMAKE_INSTALL_DATADIR}/evident/templates"
        FILES_MATCHING PATTERN "*.mustache")
install(FILES "${EVIDENT_MAN_PAGE}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${EVIDENT_COMPLETION}" DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
        RENAME evident)
install(FILES "${PROJECT_SOURCE_DIR}/packaging/copyright" "${EVIDENT_CHANGELOG}.gz"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# cpack -G DEB (from the build tree) makes evident_<version>_<arch>.deb: installed under /usr,
# stripped, its Depends found by dpkg-shlibdeps from the libraries the binary links.
set(EVIDENT_PACKAGE_MAINTAINER "evident maintainers <evident@example.org>"
    CACHE STRING "Maintainer field of the Debian package: a name and an email address")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME evident)
set(CPACK_PACKAGE_VENDOR "The evident authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "validate, classify and gate benchmark evidence")
# Lines of at most 79 characters: lintian counts the space Debian puts before each.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "evident makes benchmark results trustworthy. Teams commit small JSON\n"
    "evidence files with their benchmark numbers and the host metadata of each\n"
    "run; evident validates them strictly, re-derives offline whether each run\n"
    "was isolated, and gates the numbers against budgets and baselines, with\n"
    "reports in Markdown, HTML, JUnit XML and a CI job summary.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${EVIDENT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
