// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "layers/log_filter.hpp"

#include <iostream>
#include <mutex>
#include <streambuf>
#include <string>

namespace aecv::layers {

namespace {

// Forwards whole lines to `next_`, except OpenCV's warnings about the aecv domain.
class LineFilter final : public std::streambuf {
public:
    explicit LineFilter(std::streambuf* next) : next_(next) {}
    std::streambuf* next() const { return next_; }

protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
        const char c = traits_type::to_char_type(ch);
        xsputn(&c, 1);
        return ch;
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        std::lock_guard<std::mutex> lock(mutex_);
        for (std::streamsize i = 0; i < n; ++i) {
            line_ += s[i];
            if (s[i] == '\n') emit();
        }
        return n;
    }

    int sync() override {
        std::lock_guard<std::mutex> lock(mutex_);
        emit();
        return next_->pubsync();
    }

private:
    void emit() {
        const bool aecvDomain = line_.find("domain='aecv'") != std::string::npos;
        const bool dropped = aecvDomain && (line_.find("missing dispatch map") != std::string::npos ||
                                            line_.find("undeclared domain") != std::string::npos);
        if (!dropped && !line_.empty()) next_->sputn(line_.data(), static_cast<std::streamsize>(line_.size()));
        line_.clear();
    }

    std::streambuf* next_;
    std::mutex mutex_;
    std::string line_;
};

// Deliberately never destroyed at exit: std::cerr may still write through it after statics die.
LineFilter* installed = nullptr;

}  // namespace

// Called under the registry's mutex.
void installDomainWarningFilter() {
    if (installed) return;
    installed = new LineFilter(std::cerr.rdbuf());
    std::cerr.rdbuf(installed);
}

void removeDomainWarningFilter() {
    if (!installed) return;
    if (std::cerr.rdbuf() == installed) {
        std::cerr.flush();
        std::cerr.rdbuf(installed->next());
        delete installed;
    }  // else someone wrapped std::cerr after us: our buffer must outlive theirs, so it stays
    installed = nullptr;
}

}  // namespace aecv::layers
