// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// End to end: a 2-layer dense autoencoder built from the ops learns 64 random binary patterns.
#include <doctest/doctest.h>

#include "losses.hpp"
#include "ops/dense.hpp"
#include "optimizer.hpp"
#include "param_arena.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("A dense autoencoder learns to reconstruct 64 random binary patterns") {
    constexpr int kPatterns = 64, kBits = 32, kCode = 16, kSteps = 600;
    cv::Mat x = makeTensor({kPatterns, kBits});
    cv::RNG(2026).fill(x, cv::RNG::UNIFORM, 0, 2);  // uniform integers 0 or 1
    x.forEach<float>([](float& v, const int*) { v = std::floor(v); });

    Dense encoder({kBits, kCode, true, Activation::fromName("selu")});
    Dense decoder({kCode, kBits, true, Activation::fromName("sigmoid")});
    test::randomizeParams(encoder, 1, 0.3f);
    test::randomizeParams(decoder, 2, 0.3f);
    train::ParamArena arena({{"encoder", &encoder}, {"decoder", &decoder}});
    train::Optimizer adam({train::OptimizerKind::Adam, 0.02f}, arena.size());

    cv::Mat code, y, dy;
    std::vector<cv::Mat> dCode(1), none;
    double first = 0, loss = 0;
    for (int step = 0; step < kSteps; ++step) {
        encoder.forward({x}, code, Phase::Training);
        decoder.forward({code}, y, Phase::Training);
        loss = train::bceLoss(y, x, dy);
        if (step == 0) first = loss;
        arena.zeroGrads();
        decoder.backward({code}, y, dy, dCode);
        encoder.backward({x}, code, dCode[0], none);
        adam.step(arena.values(), arena.grads());
    }
    CAPTURE(first);
    CAPTURE(loss);
    CHECK(first > 0.6);
    CHECK(loss < 0.02);

    // Every bit of every pattern comes back right at inference.
    encoder.forward({x}, code, Phase::Inference);
    decoder.forward({code}, y, Phase::Inference);
    const cv::Mat wrong = (y > 0.5f) != (x > 0.5f);
    CHECK(cv::countNonZero(wrong) == 0);
}
