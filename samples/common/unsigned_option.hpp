// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// One rule for every unsigned 64-bit command-line option of the tools and samples.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

// Boost reads "-1" into an unsigned option as 2^64 - 1 (lexical_cast wraps): every uint64_t option
// (the seeds) takes digits only. Boost calls validate(any, tokens, (T*)0, 0) unqualified: this
// overload is found by argument-dependent lookup (boost::any is in namespace boost) and, with int,
// is a better match than Boost's template (long). The samples and the training tools include it.
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
