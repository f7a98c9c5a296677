// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "prefetcher.hpp"

namespace aecv::train {

Prefetcher::Prefetcher(std::function<void(int, cv::Mat&)> fetch) : fetch_(std::move(fetch)), worker_([this] { run(); }) {}

Prefetcher::~Prefetcher() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void Prefetcher::request(int b) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        CV_Assert(wanted_ < 0 && "take() the last request first");
        wanted_ = b;
        done_ = false;
        filling_ = 1 - filling_;
    }
    changed_.notify_all();
}

const cv::Mat& Prefetcher::take() {
    std::unique_lock<std::mutex> lock(mutex_);
    CV_Assert(wanted_ >= 0 && "request() a batch first");
    changed_.wait(lock, [this] { return done_; });
    wanted_ = -1;
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    return buffers_[filling_];
}

void Prefetcher::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stop_ || (wanted_ >= 0 && !done_); });
        if (stop_) return;
        const int b = wanted_;
        cv::Mat& buffer = buffers_[filling_];
        lock.unlock();
        std::exception_ptr error;
        try {
            fetch_(b, buffer);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        error_ = error;
        done_ = true;
        changed_.notify_all();
    }
}

}  // namespace aecv::train
