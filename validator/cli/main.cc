#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) {
  return evident::cli::run(argc, argv, std::cout, std::cerr, evident::cli::process_environment);
}
