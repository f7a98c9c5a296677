// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Prefetcher: gathers the next batch on one long-lived thread while the current one trains, into
// two buffers used in turn (no thread and no allocation per step).
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include <opencv2/core.hpp>

namespace aecv::train {

class Prefetcher {
public:
    // `fetch(b, batch)` fills `batch` with batch number b; calls come in the order requested.
    explicit Prefetcher(std::function<void(int, cv::Mat&)> fetch);
    ~Prefetcher();
    Prefetcher(const Prefetcher&) = delete;
    Prefetcher& operator=(const Prefetcher&) = delete;

    // Starts gathering batch `b` (at most one request outstanding: take() it first).
    void request(int b);
    // Waits for the requested batch and returns it; valid until the request after next.
    // Rethrows what fetch threw.
    const cv::Mat& take();

private:
    void run();

    std::function<void(int, cv::Mat&)> fetch_;
    std::mutex mutex_;
    std::condition_variable changed_;
    int wanted_ = -1;  // the batch to gather next; -1: none
    bool done_ = false, stop_ = false;
    std::exception_ptr error_;
    cv::Mat buffers_[2];
    int filling_ = 0;
    std::thread worker_;  // last: starts after everything it reads is initialised
};

}  // namespace aecv::train
