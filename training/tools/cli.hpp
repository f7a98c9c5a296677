// aecv: autoencoders for OpenCV.
// What aecv's command-line tools share: one catch in main, "error: ..." on stderr, and exit
// codes 0 (done), 2 (bad usage: options, arguments, out-of-range values), 1 (anything failed).
#pragma once

#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>

#include <opencv2/core.hpp>

namespace aecv::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

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
