# Embeds text files (schemas, templates) into the binary so evident works from any directory.
# evident_embed_files(OUTPUT file.cc NAMESPACE ns FILES a.json b.json BASE dir)
function(evident_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;BASE;FUNCTION" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${ARG_OUTPUT}" "-DBASE=${ARG_BASE}"
            "-DFUNCTION=${ARG_FUNCTION}" "-DFILES=${ARG_FILES}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedFilesScript.cmake"
    DEPENDS ${ARG_FILES} "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedFilesScript.cmake"
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
endfunction()
