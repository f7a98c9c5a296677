// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "sample_main.hpp"

#include <cstdlib>
#include <iostream>

#include <opencv2/core.hpp>

namespace aecv::samples {

bool haveDisplay() { return std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY"); }

int sampleMain(const std::string& name, int argc, char** argv, const po::options_description& options,
               const std::function<void(const po::variables_map&)>& check, const std::function<int()>& run) {
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, options), vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << options << "\n";
            return 0;
        }
        if (check) check(vm);
    } catch (const std::exception& e) {  // po::error or UsageError
        std::cerr << "error: " << e.what() << " (see " << name << " --help)\n";
        return 2;
    }
    try {
        return run();
    } catch (const cv::Exception& e) {
        std::cerr << "error: " << e.err << "\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}

}  // namespace aecv::samples
