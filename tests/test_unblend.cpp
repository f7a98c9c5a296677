// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The watermark remover's composition (filters/unblend.hpp): unblending inverts a blend, leaves
// what it should alone, and refuses planes that do not fit together.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "filters/unblend.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

cv::Mat uniform(cv::Size size, int type, double lo, double hi, uint64_t seed) {
    cv::Mat m(size, type);
    cv::RNG rng(seed);
    rng.fill(m, cv::RNG::UNIFORM, lo, hi);
    return m;
}

}  // namespace

TEST_CASE("unblend inverts x = (1 - a) t + a c, keeps x where the weight or alpha is 0 or x = c, and checks its planes") {
    const cv::Size size(13, 7);
    const cv::Mat t = uniform(size, CV_32FC3, 0, 1, 1), c = uniform(size, CV_32FC3, 0, 1, 2);
    const cv::Mat a = uniform(size, CV_32FC1, 0, 0.9, 3), ones(size, CV_32FC1, cv::Scalar(1));
    cv::Mat a3, x, y;
    cv::merge(std::vector<cv::Mat>{a, a, a}, a3);
    x = t.mul(cv::Scalar::all(1) - a3) + c.mul(a3);
    filters::unblend(x, c, a, ones, y);
    CHECK(cv::norm(y, t, cv::NORM_INF) < 1e-4);
    filters::unblend(x, c, a, cv::Mat::zeros(size, CV_32FC1), y);  // weight 0
    CHECK(cv::norm(y, x, cv::NORM_INF) == 0);
    filters::unblend(x, x, a, ones, y);  // the picture already has the marks' colour
    CHECK(cv::norm(y, x, cv::NORM_INF) < 1e-5);
    // an alpha of 1 is unblended as kMaxUnblendAlpha: finite, (x - 0.95 c) / 0.05
    filters::unblend(x, c, ones, ones, y);
    CHECK(cv::checkRange(y));
    cv::Mat weight;
    filters::rampedMask(a, 0.2, 0.6, weight);
    CHECK(weight.at<float>(0, 0) == doctest::Approx(std::clamp((a.at<float>(0, 0) - 0.2) / 0.4, 0.0, 1.0)));
    CHECK(test::thrownMessage([&] { filters::unblend(x, c, cv::Mat::zeros(6, 13, CV_32FC1), ones, y); }) ==
          "unblend: the alpha is 13x6 CV_32FC1; expected 13x7 CV_32FC1");
    CHECK(test::thrownMessage([&] { filters::blend(x, c, cv::Mat(size, CV_8UC1), y); }) ==
          "unblend: the weight is 13x7 CV_8UC1; expected 13x7 CV_32FC1");
}
