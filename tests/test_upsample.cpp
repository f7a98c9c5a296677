// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("Upsample forward matches the reference, backward matches central differences") {
    for (UpsampleMode mode : {UpsampleMode::Nearest, UpsampleMode::Bilinear}) {
        for (const UpsampleConfig& cfg : {UpsampleConfig{2, 2, mode}, UpsampleConfig{3, 2, mode}}) {
            CAPTURE(static_cast<int>(mode));
            CAPTURE(cfg.scaleH);
            Upsample op(cfg);
            const cv::Mat x = test::randomTensor({2, 3, 5, 4}, 41);
            const cv::Mat expected = test::refUpsample(x, cfg);
            for (Phase phase : {Phase::Inference, Phase::Training}) {
                cv::Mat y;
                op.forward({x}, y, phase);
                REQUIRE(shapeOf(y) == Shape{2, 3, 5 * cfg.scaleH, 4 * cfg.scaleW});
                CHECK(test::maxAbsDiff(y, expected) <= 1e-5);
            }
            const test::GradCheck g = test::checkGradients(op, {x}, 1e-2, 120);
            CAPTURE(g.worstInput);
            CHECK(g.worstInput < 1e-2);
        }
    }
}

TEST_CASE("Upsample reports bad configuration and input") {
    CHECK(test::thrownMessage([] { Upsample op({0, 2}); }) == "Upsample scale is (0, 2); expected >= 1 each");
    Upsample op({});
    cv::Mat y;
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({2, 6}, 1)}, y, Phase::Inference); }) ==
          "Upsample input has shape [2, 6]; expected [N, C, H, W]");
}
