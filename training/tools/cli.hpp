// aecv: autoencoders for OpenCV.
// What aecv's command-line tools share: one catch in main, "error: ..." on stderr, and exit
// codes 0 (done), 2 (bad usage: options, arguments, out-of-range values), 1 (anything failed).
#pragma once

#include <algorithm>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

// Boost reads "-1" into an unsigned option as 2^64 - 1 (lexical_cast wraps): every uint64_t option
// (the seeds) takes digits only. Boost calls validate(any, tokens, (T*)0, 0) unqualified: this
// overload is found by argument-dependent lookup (boost::any is in namespace boost) and, with int,
// is a better match than Boost's template (long). (The same overload: samples/common/sample_main.hpp.)
namespace boost {
inline void validate(boost::any& v, const std::vector<std::string>& values, unsigned long*, int) {
    namespace po = boost::program_options;
    po::validators::check_first_occurrence(v);
    const std::string& text = po::validators::get_single_string(values);
    std::string shown = text;  // in the message template, where '%' is markup
    shown.erase(std::remove(shown.begin(), shown.end(), '%'), shown.end());
    const po::error_with_option_name refusal("%canonical_option% is '" + shown +
                                             "'; expected a whole number from 0 to 18446744073709551615");
    if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) throw refusal;
    try {
        v = static_cast<unsigned long>(std::stoull(text));
    } catch (const std::out_of_range&) {
        throw refusal;
    }
}
}  // namespace boost
#include <opencv2/core.hpp>

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
