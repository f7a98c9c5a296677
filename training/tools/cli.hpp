// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// What aecv's command-line tools share: one catch in main, "error: ..." on stderr, and exit
// codes 0 (done), 2 (bad usage: options, arguments, out-of-range values), 1 (anything failed).
#pragma once

#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <opencv2/core.hpp>

#include "common/unsigned_option.hpp"  // samples/common: --seed and other unsigned options

namespace aecv::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Parses argv (and positional arguments); a malformed command line is a UsageError.
inline boost::program_options::variables_map parseOptions(
    int argc, char** argv, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional = {}) {
    namespace po = boost::program_options;
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
}

inline int guardedMain(const std::string& tool, const std::function<int()>& run) {
    try {
        return run();
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << " (see " << tool << " --help)\n";
        return 2;
    } catch (const cv::Exception& e) {
        std::cerr << "error: " << e.err << "\n";
        return e.code == cv::Error::StsBadArg || e.code == cv::Error::StsOutOfRange ? 2 : 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace aecv::cli
