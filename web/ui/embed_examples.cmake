# web/ui/embed_examples.cmake: writes examples.gen.cpp, the .wat files of examples/ as string
# constants (run at build time: cmake -DEXAMPLES_DIR=... -DOUTPUT=... -P embed_examples.cmake).
file(GLOB files "${EXAMPLES_DIR}/*.wat")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(REGEX MATCH "^;; [^:]+: ([^\n]*)" _ "${text}")
  set(title "${CMAKE_MATCH_1}")
  string(REPLACE "\"" "\\\"" title "${title}")
  string(APPEND body "    {\"${name}\", \"${title}\", R\"mnemo_example(${text})mnemo_example\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from examples/*.wat by web/ui/embed_examples.cmake. Do not edit.
#include \"web/ui/examples.h\"

namespace mnemo::ui {

const std::vector<Example>& examples() {
  static const std::vector<Example> kExamples = {
${body}  };
  return kExamples;
}

}  // namespace mnemo::ui
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
