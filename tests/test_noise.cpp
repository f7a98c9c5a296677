// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The noise-level estimator, the camera noise model and the denoiser's training corruption.
#include <doctest/doctest.h>

#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <aecv/denoiser.hpp>

#include "camera_noise.hpp"
#include "corruption.hpp"
#include "presets.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

const std::string kData = "/usr/share/doc/opencv-doc/examples/data/";

cv::Mat withGaussianNoise(const cv::Mat& image, double sigma, uint64_t seed) {
    cv::Mat noise(image.size(), CV_32FC3), noisy;
    cv::RNG(seed).fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    image.convertTo(noisy, CV_32FC3);
    noisy += noise;
    noisy.convertTo(noisy, CV_8UC3);  // rounded and clipped, as a real 8-bit picture
    return noisy;
}

}  // namespace

TEST_CASE("estimateNoiseLevel reads the sigma of white noise on photos within 15%") {
    for (const char* name : {"fruits.jpg", "building.jpg", "messi5.jpg", "home.jpg"}) {
        const cv::Mat photo = cv::imread(kData + name, cv::IMREAD_COLOR);
        REQUIRE(!photo.empty());
        for (double sigma : {10.0, 20.0, 30.0}) {
            const double level = estimateNoiseLevel(withGaussianNoise(photo, sigma, 7));
            INFO(name << " sigma " << sigma << ": " << level);
            CHECK(std::abs(level - sigma) <= 0.15 * sigma);
        }
        // The same picture as float in [0, 1] reads the same (sigma "of 255" for both depths).
        const cv::Mat noisy = withGaussianNoise(photo, 20, 8);
        cv::Mat f;
        noisy.convertTo(f, CV_32FC3, 1.0 / 255);
        CHECK(estimateNoiseLevel(f) == doctest::Approx(estimateNoiseLevel(noisy)).epsilon(1e-4));
        CHECK(estimateNoiseLevel(photo) < 3.0);  // clean: little (JPEG keeps some texture)
        // 8-bit pixels are read in place: a BGRA copy and a view with its own row step read the same.
        cv::Mat bgra;
        cv::cvtColor(noisy, bgra, cv::COLOR_BGR2BGRA);
        CHECK(estimateNoiseLevel(bgra) == doctest::Approx(estimateNoiseLevel(noisy)).epsilon(1e-9));
        const cv::Rect part(3, 5, noisy.cols - 40, noisy.rows - 37);
        CHECK(estimateNoiseLevel(noisy(part)) == doctest::Approx(estimateNoiseLevel(noisy(part).clone())).epsilon(1e-9));
    }
}

TEST_CASE("estimateNoiseLevel under strong noise that clips nearly every block reads high, not 0") {
    // Sigma 50 clips some pixel of almost every 16x16 block; on a bright picture every one. Leaving
    // all of them out used to give level 0, and the denoiser then returned the noisy input.
    for (const char* name : {"fruits.jpg", "building.jpg"}) {
        cv::Mat photo = cv::imread(kData + name, cv::IMREAD_COLOR), bright;
        REQUIRE(!photo.empty());
        photo.convertTo(bright, CV_8UC3, 0.4, 150);  // 150..252
        for (const cv::Mat& picture : {photo, bright}) {
            const double level = estimateNoiseLevel(withGaussianNoise(picture, 50, 9));
            INFO(name << ": " << level);
            CHECK(level > 30);
            CHECK(level < 60);
        }
    }
}

TEST_CASE("estimateNoiseLevel on constant, tiny and bad images") {
    CHECK(estimateNoiseLevel(cv::Mat(480, 640, CV_8UC3, cv::Scalar(90, 120, 200))) == 0.0);
    CHECK(estimateNoiseLevel(cv::Mat(100, 100, CV_8UC1, cv::Scalar(255))) == 0.0);  // saturated
    CHECK(estimateNoiseLevel(cv::Mat(1, 1, CV_8UC3, cv::Scalar(3, 4, 5))) == 0.0);
    CHECK(estimateNoiseLevel(cv::Mat(1, 5000, CV_8UC4, cv::Scalar(3, 4, 5, 6))) == 0.0);
    const cv::Mat small = withGaussianNoise(cv::Mat(12, 12, CV_8UC3, cv::Scalar::all(128)), 20, 3);
    const double level = estimateNoiseLevel(small);  // too small for blocks: the median of |HH|
    CHECK(std::isfinite(level));
    CHECK(level > 10);
    CHECK(level < 30);
    CHECK(test::thrownMessage([] { estimateNoiseLevel(cv::Mat()); }) == "estimateNoiseLevel: the image is empty");
    CHECK(test::thrownMessage([] { estimateNoiseLevel(cv::Mat(8, 8, CV_16UC3)); }) ==
          "estimateNoiseLevel: the image has type CV_16UC3; expected CV_8U or CV_32F with 1 to 4 channels");
}

TEST_CASE("sensor noise on flat patches has variance shot * x + read^2") {
    const double shot = 0.01, read = 0.02;
    cv::RNG rng(11);
    for (double x : {0.02, 0.1, 0.3, 0.6, 0.9}) {
        cv::Mat signal(256, 256, CV_32F, cv::Scalar(x));
        train::addSensorNoise(signal, shot, read, rng);
        cv::Scalar mean, sd;
        cv::meanStdDev(signal, mean, sd);
        const double expected = shot * x + read * read;
        INFO("x " << x << ": variance " << sd[0] * sd[0] << ", expected " << expected);
        CHECK(sd[0] * sd[0] == doctest::Approx(expected).epsilon(0.03));  // 65536 samples: ~0.6% sd
        CHECK(mean[0] == doctest::Approx(x).epsilon(0.01));
    }
}

TEST_CASE("the camera pipeline without noise returns a flat patch unchanged") {
    train::CameraNoise clean = train::CameraNoise::atShot(1e-3);
    clean.shot = clean.read = 0;
    cv::RNG rng(12);
    for (const cv::Scalar& colour : {cv::Scalar(0.2, 0.5, 0.8), cv::Scalar(0.9, 0.1, 0.4), cv::Scalar(0.0, 1.0, 0.5)}) {
        cv::Mat bgr(32, 48, CV_32FC3, colour), out;
        bgr.convertTo(bgr, CV_8UC3, 255.0);  // 8-bit values, as the training photos have
        bgr.convertTo(bgr, CV_32FC3, 1.0 / 255);
        train::addCameraNoise(bgr, out, clean, rng);
        CHECK(test::maxAbsDiff(out, bgr) <= 1.0 / 255 + 1e-6);
    }
    // With noise, darker tones get more of it after the tone curve, and the output stays 8-bit.
    train::CameraNoise dim = train::CameraNoise::atShot(5e-3);
    cv::Mat dark(64, 64, CV_32FC3, cv::Scalar::all(0.2)), bright(64, 64, CV_32FC3, cv::Scalar::all(0.8)), a, b;
    train::addCameraNoise(dark, a, dim, rng);
    train::addCameraNoise(bright, b, dim, rng);
    cv::Scalar m, sdDark, sdBright;
    cv::meanStdDev(a, m, sdDark);
    cv::meanStdDev(b, m, sdBright);
    CHECK(sdDark[1] > sdBright[1]);
    cv::Mat scaled;
    a.convertTo(scaled, CV_32FC3, 255.0);
    cv::Mat rounded;
    scaled.convertTo(rounded, CV_8UC3);
    rounded.convertTo(rounded, CV_32FC3);
    CHECK(test::maxAbsDiff(scaled, rounded) <= 1e-3);
}

TEST_CASE("the denoiser's corruption: noisy BGR plus the level it reads; some patches left clean") {
    train::Recipe r = train::makeRecipe("image-denoise", 1);
    REQUIRE(r.corruption == train::CorruptionKind::NoiseLevelMap);
    const cv::Mat photo = cv::imread(kData + "fruits.jpg", cv::IMREAD_COLOR);
    REQUIRE(!photo.empty());
    const int n = 64, side = 48;
    const int shape[] = {n, 3, side, side};
    cv::Mat clean(4, shape, CV_32F);
    for (int i = 0; i < n; ++i) {
        const cv::Mat patch = photo(cv::Rect(5 * i, 3 * i, side, side));
        std::vector<cv::Mat> planes;
        cv::split(patch, planes);
        for (int c = 0; c < 3; ++c) planes[static_cast<size_t>(c)].convertTo(cv::Mat(side, side, CV_32F, clean.ptr<float>(i, c)), CV_32F, 1.0 / 255);
    }
    cv::Mat corrupted;
    train::makeCorruption(r, 5)->apply(clean, corrupted);
    REQUIRE(ops::shapeOf(corrupted) == ops::Shape{n, 4, side, side});
    int unchanged = 0;
    for (int i = 0; i < n; ++i) {
        std::vector<cv::Mat> in(3), out(3);
        for (int c = 0; c < 3; ++c) {
            in[static_cast<size_t>(c)] = cv::Mat(side, side, CV_32F, clean.ptr<float>(i, c));
            out[static_cast<size_t>(c)] = cv::Mat(side, side, CV_32F, corrupted.ptr<float>(i, c));
        }
        cv::Mat a, b;
        cv::merge(in, a);
        cv::merge(out, b);
        if (test::maxAbsDiff(a, b) == 0) ++unchanged;
        const cv::Mat map(side, side, CV_32F, corrupted.ptr<float>(i, 3));
        double lo, hi;
        cv::minMaxLoc(map, &lo, &hi);
        CHECK(lo == hi);  // one level per patch
        const double read = estimateNoiseLevel(b) / 50;  // filters::kLevelMapUnit
        CHECK(hi >= read * std::exp(-0.1) - 1e-6);
        CHECK(hi <= read * std::exp(0.1) + 1e-6);
    }
    CHECK(unchanged >= 2);   // about 10% come back unchanged
    CHECK(unchanged <= 14);

    // --clean-share: the share left unchanged follows it (none at 0, about half at 0.5).
    const auto unchangedAt = [&](double share) {
        r.cleanShare = share;
        train::makeCorruption(r, 5)->apply(clean, corrupted);
        int count = 0;
        for (int i = 0; i < n; ++i) {
            bool same = true;
            for (int c = 0; c < 3 && same; ++c)
                same = test::maxAbsDiff(cv::Mat(side, side, CV_32F, clean.ptr<float>(i, c)),
                                        cv::Mat(side, side, CV_32F, corrupted.ptr<float>(i, c))) == 0;
            count += same;
        }
        return count;
    };
    CHECK(unchangedAt(0.0) == 0);
    const int half = unchangedAt(0.5);
    CHECK(half >= 22);  // binomial(64, 0.5): 32 +- 10 at 2.5 sigma
    CHECK(half <= 42);
    CHECK(unchangedAt(0.1) == unchanged);  // the default's draws exactly
}
