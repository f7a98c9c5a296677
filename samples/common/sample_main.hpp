// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// What every sample's main() does: options with --help, "error: ..." on stderr, exit codes
// 0 (done), 2 (bad usage), 1 (anything failed), and headless operation when there is no display.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "unsigned_option.hpp"

namespace aecv::samples {

namespace po = boost::program_options;

// Thrown for bad option values found after parsing: exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// True when a window can be shown (DISPLAY or WAYLAND_DISPLAY is set).
bool haveDisplay();

// Parses argv against `options`, prints them for --help, calls `check` (throw UsageError for bad
// values), then `run`; maps every exception to "error: ..." and the exit code.
int sampleMain(const std::string& name, int argc, char** argv, const po::options_description& options,
               const std::function<void(const po::variables_map&)>& check, const std::function<int()>& run);

}  // namespace aecv::samples
