// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv::Watermark and addWatermark: the blend, the mask, the types, the errors, reproducibility.
#include <doctest/doctest.h>

#include <aecv/watermark.hpp>
#include <opencv2/imgproc.hpp>

#include "support.hpp"

using namespace aecv;

TEST_CASE("addWatermark blends the mark's colour at its opacity and leaves the rest alone") {
    const cv::Mat grey(60, 80, CV_8UC3, cv::Scalar(100, 100, 100));
    Watermark mark;
    mark.kind = Watermark::Kind::Disc;
    mark.radius = 10;
    mark.center = {40, 30};
    mark.opacity = 0.5;
    mark.color = {1.0, 0.0, 1.0};
    cv::Mat marked, alpha;
    addWatermark(grey, marked, mark, alpha);
    REQUIRE(alpha.type() == CV_32FC1);
    REQUIRE(alpha.size() == grey.size());
    CHECK(alpha.at<float>(30, 40) == doctest::Approx(0.5));
    CHECK(alpha.at<float>(0, 0) == 0.f);
    // inside: 100 + 0.5 * (255 - 100) = 177.5 -> 178 (rounded), 100 + 0.5 * (0 - 100) = 50
    CHECK(marked.at<cv::Vec3b>(30, 40) == cv::Vec3b(178, 50, 178));
    CHECK(marked.at<cv::Vec3b>(2, 2) == cv::Vec3b(100, 100, 100));
    // the disc (radius 10) covers its area, and nothing changes outside it
    cv::Mat outside = alpha == 0, same;
    cv::compare(marked, grey, same, cv::CMP_EQ);
    cv::cvtColor(same, same, cv::COLOR_BGR2GRAY);
    const int covered = 60 * 80 - cv::countNonZero(outside);
    CHECK(covered > 300);  // pi * 10^2 = 314, plus an anti-aliased rim
    CHECK(covered < 450);
    CHECK(cv::countNonZero(outside & (same == 0)) == 0);
}

TEST_CASE("addWatermark takes grey, BGRA and float images") {
    Watermark mark;
    mark.text = "SAMPLE";
    mark.center = {50, 20};
    mark.opacity = 1.0;
    mark.color = {0.0, 0.0, 0.0};  // black
    SUBCASE("grey") {
        cv::Mat marked;
        addWatermark(cv::Mat(40, 100, CV_8UC1, cv::Scalar(200)), marked, mark);
        REQUIRE(marked.type() == CV_8UC1);
        double lo = 0;
        cv::minMaxLoc(marked, &lo);
        CHECK(lo == 0);  // fully opaque black strokes
    }
    SUBCASE("BGRA keeps its alpha") {
        cv::Mat marked, a;
        addWatermark(cv::Mat(40, 100, CV_8UC4, cv::Scalar(200, 200, 200, 77)), marked, mark);
        REQUIRE(marked.type() == CV_8UC4);
        cv::extractChannel(marked, a, 3);
        CHECK(cv::countNonZero(a != 77) == 0);
    }
    SUBCASE("float") {
        cv::Mat marked;
        addWatermark(cv::Mat(40, 100, CV_32FC3, cv::Scalar(0.5, 0.5, 0.5)), marked, mark);
        REQUIRE(marked.type() == CV_32FC3);
        double lo = 0, hi = 0;
        cv::minMaxLoc(marked.reshape(1), &lo, &hi);
        CHECK(lo == doctest::Approx(0.0));
        CHECK(hi == doctest::Approx(0.5));
    }
}

TEST_CASE("Watermark::random is reproducible and stays in the documented ranges") {
    cv::RNG a(11), b(11);
    for (int i = 0; i < 50; ++i) {
        const Watermark m = Watermark::random({96, 96}, a), n = Watermark::random({96, 96}, b);
        CHECK(m.text == n.text);
        CHECK(m.center == n.center);
        CHECK(m.opacity == n.opacity);
        CHECK(m.opacity >= 0.15);
        CHECK(m.opacity < 0.8);
        CHECK(m.center.x < 96.f);
        CHECK(cv::countNonZero(m.alpha({96, 96})) > 0);  // centred inside: always visible
    }
}

TEST_CASE("addWatermark errors") {
    cv::Mat dst;
    Watermark mark;
    CHECK(test::thrownMessage([&] { addWatermark(cv::Mat(), dst, mark); }) == "addWatermark: the image is empty");
    CHECK(test::thrownMessage([&] { addWatermark(cv::Mat(4, 4, CV_16UC3), dst, mark); }) ==
          "addWatermark: the image has type CV_16UC3; expected CV_8U or CV_32F with 1, 3 or 4 channels");
    mark.opacity = 1.5;
    CHECK(test::thrownMessage([&] { addWatermark(cv::Mat(4, 4, CV_8UC3), dst, mark); }) ==
          "Watermark: opacity 1.5; expected a value in (0, 1]");
}
