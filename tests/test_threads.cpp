// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Concurrency: threads that each own a Net, a Denoiser or an Autoencoder, all reading the same
// model files at once, get what one thread alone gets; registerLayers() races safely. The tsan
// preset runs this suite (label "threads") under ThreadSanitizer.
#include <doctest/doctest.h>

#include <aecv/aecv.hpp>
#include <aecv/autoencoder.hpp>
#include <aecv/denoiser.hpp>

#include <atomic>
#include <functional>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

constexpr int kThreads = 4;

// Runs fn(0) ... fn(kThreads - 1) on as many threads, released together; a cv::Exception in any
// of them is reported after all have joined.
void runTogether(const std::function<void(int)>& fn) {
    std::atomic<int> waiting{kThreads};
    std::vector<std::string> errors(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            --waiting;
            while (waiting.load() > 0) std::this_thread::yield();
            try {
                fn(i);
            } catch (const cv::Exception& e) {
                errors[static_cast<size_t>(i)] = e.what();
            }
        });
    }
    for (std::thread& t : threads) t.join();
    for (const std::string& e : errors) CHECK_MESSAGE(e.empty(), e);
}

cv::Mat noisyPhoto(int rows, int cols, uint64_t seed) {
    cv::Mat img(rows, cols, CV_8UC3), noise(rows, cols, CV_8UC3);
    cv::RNG rng(seed);
    rng.fill(img, cv::RNG::UNIFORM, 0, 256);
    cv::GaussianBlur(img, img, {9, 9}, 3.0);
    rng.fill(noise, cv::RNG::NORMAL, 0, 20);
    cv::add(img, noise, img);
    return img;
}

}  // namespace

TEST_SUITE("threads") {

TEST_CASE("threads each running their own Net on one model file get the single-threaded result") {
    test::TempDir dir;
    const std::string path = dir.file("chain.onnx");
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::chainModel(), path);
    }
    std::vector<cv::Mat> inputs, expected;
    cv::dnn::Net alone = aecv::readNet(path);
    for (int i = 0; i < kThreads; ++i) {
        inputs.push_back(test::randomTensor({1, 3, 24 + 8 * i, 32}, 100 + static_cast<uint64_t>(i), 0.f, 1.f));
        alone.setInput(inputs.back());
        expected.push_back(alone.forward().clone());
    }
    aecv::unregisterLayers();  // the threads race to register again

    std::vector<cv::Mat> results(kThreads);
    runTogether([&](int i) {
        const size_t k = static_cast<size_t>(i);
        cv::dnn::Net net = aecv::readNet(path);
        for (int repeat = 0; repeat < 3; ++repeat) {
            net.setInput(inputs[k]);
            results[k] = net.forward().clone();
        }
    });
    for (size_t k = 0; k < kThreads; ++k) {
        CAPTURE(k);
        REQUIRE(results[k].size == expected[k].size);
        CHECK(test::maxAbsDiff(results[k], expected[k]) <= 1e-5);
    }
    aecv::unregisterLayers();
}

TEST_CASE("threads each running their own Denoiser on the shipped model get the single-threaded result") {
    std::vector<cv::Mat> frames, expected;
    Denoiser alone;
    for (int i = 0; i < kThreads; ++i) {
        frames.push_back(noisyPhoto(60 + 8 * i, 80, 7 + static_cast<uint64_t>(i)));
        cv::Mat out;
        alone.apply(frames.back(), out);
        expected.push_back(out);
    }
    std::vector<cv::Mat> results(kThreads);
    runTogether([&](int i) {
        Denoiser denoiser;
        for (int repeat = 0; repeat < 2; ++repeat) denoiser.apply(frames[static_cast<size_t>(i)], results[static_cast<size_t>(i)]);
    });
    for (size_t k = 0; k < kThreads; ++k) {
        CAPTURE(k);
        REQUIRE(results[k].size() == expected[k].size());
        CHECK(cv::norm(results[k], expected[k], cv::NORM_INF) <= 1);
        CHECK(cv::norm(results[k], frames[k], cv::NORM_L1) > 0);  // it did filter
    }
}

TEST_CASE("threads each sampling their own Autoencoder of one VAE get the single-threaded samples") {
    const std::string path = aecv::defaultModelPath("fashion_vae");
    std::vector<cv::Mat> expected;
    Autoencoder alone(path);
    for (int i = 0; i < kThreads; ++i) expected.push_back(alone.sample(3, 50 + static_cast<uint64_t>(i)));
    std::vector<cv::Mat> results(kThreads);
    runTogether([&](int i) {
        Autoencoder vae(path);
        results[static_cast<size_t>(i)] = vae.sample(3, 50 + static_cast<uint64_t>(i));
    });
    for (size_t k = 0; k < kThreads; ++k) {
        CAPTURE(k);
        CHECK(test::maxAbsDiff(results[k], expected[k]) <= 1e-5);
    }
}

TEST_CASE("registerLayers racing from several threads registers once and every thread can load at once") {
    test::TempDir dir;
    const std::string path = dir.file("conv.onnx");
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::convAutoencoder(), path);
    }
    aecv::unregisterLayers();
    std::vector<cv::Mat> shapes(kThreads);
    runTogether([&](int i) {
        aecv::registerLayers();
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path);  // plain OpenCV, right after registering
        net.setInput(test::randomTensor({1, 3, 16, 16}, static_cast<uint64_t>(i), 0.f, 1.f));
        shapes[static_cast<size_t>(i)] = net.forward().clone();
    });
    for (const cv::Mat& out : shapes) CHECK(ops::shapeOf(out) == ops::Shape{1, 3, 16, 16});
    CHECK(aecv::layerTypes().size() == 10);
    aecv::unregisterLayers();
}

}  // TEST_SUITE
