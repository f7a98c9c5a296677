// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Prefetcher: batches arrive in the order asked, buffers alternate, errors reach the caller.
#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>

#include "prefetcher.hpp"
#include "support.hpp"

using namespace aecv;

TEST_SUITE("threads") {

TEST_CASE("Prefetcher hands out the requested batches in order from one thread in two buffers") {
    std::vector<int> calls;
    std::thread::id worker;
    train::Prefetcher prefetch([&](int b, cv::Mat& batch) {
        calls.push_back(b);
        worker = std::this_thread::get_id();
        batch.create(1, 4, CV_32F);
        batch.setTo(b);
    });
    prefetch.request(0);
    std::vector<const uchar*> buffers;
    for (int b = 0; b < 6; ++b) {
        const cv::Mat& batch = prefetch.take();
        CHECK(batch.at<float>(0, 3) == static_cast<float>(b));
        buffers.push_back(batch.data);
        if (b + 1 < 6) prefetch.request(b + 1);
        CHECK(batch.at<float>(0, 0) == static_cast<float>(b));  // untouched while b + 1 is gathered
    }
    CHECK(calls == std::vector<int>{0, 1, 2, 3, 4, 5});
    CHECK(worker != std::this_thread::get_id());
    CHECK(buffers[0] == buffers[2]);  // two buffers, reused in turn
    CHECK(buffers[1] == buffers[3]);
    CHECK(buffers[0] != buffers[1]);
}

TEST_CASE("Prefetcher passes the fetch's error to take()") {
    train::Prefetcher prefetch([](int b, cv::Mat&) {
        if (b == 1) CV_Error(cv::Error::StsParseError, "batch 1 is corrupt");
    });
    prefetch.request(0);
    prefetch.take();
    prefetch.request(1);
    CHECK(test::thrownMessage([&] { prefetch.take(); }) == "batch 1 is corrupt");
    prefetch.request(2);  // still usable
    CHECK_NOTHROW(prefetch.take());
}

}  // TEST_SUITE
