// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Sampling, GaussianNoise, Dropout: seeded randomness at training time, identity at inference.
#include <doctest/doctest.h>

#include <aecv/aecv.hpp>

#include "ops/dropout.hpp"
#include "ops/gaussian_noise.hpp"
#include "ops/sampling.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("Sampling reparameterises with reproducible noise") {
    const cv::Mat mu = test::randomTensor({4, 6}, 71), logvar = test::randomTensor({4, 6}, 72);
    Sampling a(7), b(7), c(8);
    cv::Mat za, zb, zc, zi;
    a.forward({mu, logvar}, za, Phase::Training);
    b.forward({mu, logvar}, zb, Phase::Training);
    c.forward({mu, logvar}, zc, Phase::Training);
    CHECK(test::maxAbsDiff(za, zb) == 0);
    CHECK(test::maxAbsDiff(za, zc) > 0.1);

    cv::Mat expected;
    cv::exp(0.5 * logvar, expected);
    expected = mu + expected.mul(a.eps());
    CHECK(test::maxAbsDiff(za, expected) <= 1e-6);
    CHECK(std::abs(cv::mean(a.eps())[0]) < 0.6);  // 24 draws of N(0, 1)

    a.forward({mu, logvar}, zi, Phase::Inference);
    CHECK(test::maxAbsDiff(zi, mu) == 0);

    Sampling op(9);
    const uint64_t state = op.rng().state;
    const test::GradCheck g =
        test::checkGradients(op, {mu, logvar}, 1e-3, 40, [&] { op.rng().state = state; });
    CAPTURE(g.worstInput);
    CHECK(g.worstInput < 1e-3);
    CHECK(test::thrownMessage([&] { op.forward({mu, test::randomTensor({4, 5}, 1)}, zi, Phase::Training); }) ==
          "Sampling mean [4, 6] and log-variance [4, 5] must both be [N, D] of equal shape");
}

TEST_CASE("GaussianNoise draws the same noise on one thread as on two") {
    const cv::Mat x = test::randomTensor({32, 784}, 74);  // large enough to spread over the threads
    cv::Mat one, two;
    aecv::setNumThreads(1);
    GaussianNoise(0.2f, 6).forward({x}, one, Phase::Training);
    aecv::setNumThreads(2);
    GaussianNoise(0.2f, 6).forward({x}, two, Phase::Training);
    aecv::setNumThreads(0);
    CHECK(test::maxAbsDiff(one, two) == 0);
    // Each quarter has noise of its own, not a copy of another's.
    const cv::Mat noise = cv::Mat(one - x).reshape(1, 4);
    CHECK(cv::norm(noise.row(0), noise.row(1)) > 1);
    CHECK(cv::norm(noise.row(2), noise.row(3)) > 1);
}

TEST_CASE("GaussianNoise adds seeded noise of the given stddev while training") {
    const cv::Mat x = test::randomTensor({8, 3, 16, 16}, 73);
    GaussianNoise op(0.2f, 5), same(0.2f, 5);
    cv::Mat y, y2, yi;
    op.forward({x}, y, Phase::Training);
    same.forward({x}, y2, Phase::Training);
    CHECK(test::maxAbsDiff(y, y2) == 0);
    cv::Scalar mean, stddev;
    const cv::Mat noise = y - x;
    cv::meanStdDev(noise.reshape(1, 1), mean, stddev);
    CHECK(std::abs(mean[0]) < 0.01);
    CHECK(stddev[0] == doctest::Approx(0.2).epsilon(0.02));
    op.forward({x}, yi, Phase::Inference);
    CHECK(yi.data == x.data);
    const uint64_t state = op.rng().state;
    CHECK(test::checkGradients(op, {x}, 1e-2, 40, [&] { op.rng().state = state; }).worstInput < 1e-3);
    CHECK(test::thrownMessage([] { GaussianNoise bad(-0.5f); }) ==
          "GaussianNoise stddev is -0.5; expected a finite value >= 0");
}

TEST_CASE("Dropout zeroes the given fraction and rescales the rest") {
    const cv::Mat x = test::randomAwayFromZero({16, 1000}, 74);
    Dropout op(0.5f, 3);
    cv::Mat y, yi;
    op.forward({x}, y, Phase::Training);
    const double dropped = 1.0 - cv::countNonZero(y.reshape(1, 1)) / static_cast<double>(y.total());
    CHECK(dropped == doctest::Approx(0.5).epsilon(0.03));
    CHECK(test::maxAbsDiff(y, x.mul(op.mask())) == 0);
    const float* m = op.mask().ptr<float>();
    CHECK(((m[0] == 0.f) || (m[0] == 2.f)));
    op.forward({x}, yi, Phase::Inference);
    CHECK(yi.data == x.data);
    const uint64_t state = op.rng().state;
    CHECK(test::checkGradients(op, {x}, 1e-2, 40, [&] { op.rng().state = state; }).worstInput < 1e-3);
    CHECK(test::thrownMessage([] { Dropout bad(1.f); }) == "Dropout rate is 1; expected 0 <= rate < 1");
}
