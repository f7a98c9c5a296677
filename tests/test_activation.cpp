// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("Activations match their formulas and their gradients") {
    const std::pair<const char*, float> acts[] = {{"identity", -1.f}, {"relu", -1.f}, {"leaky_relu", 0.2f},
                                                  {"elu", 0.7f},      {"selu", -1.f}, {"sigmoid", -1.f},
                                                  {"tanh", -1.f}};
    for (const auto& [name, alpha] : acts) {
        for (const Shape& s : {Shape{3, 7}, Shape{2, 3, 5, 4}}) {
            CAPTURE(name);
            const Activation act = Activation::fromName(name, alpha);
            ActivationOp op(act);
            // Away from 0, where ReLU, LeakyReLU and SELU have their kink.
            const cv::Mat x = test::randomAwayFromZero(s, 51);
            cv::Mat expected = x.clone();
            test::activateInPlace(act, expected);
            for (Phase phase : {Phase::Inference, Phase::Training}) {
                cv::Mat y;
                op.forward({x}, y, phase);
                CHECK(test::maxAbsDiff(y, expected) <= 1e-6);
            }
            const test::GradCheck g = test::checkGradients(op, {x}, 1e-3, 100);
            CAPTURE(g.worstInput);
            CHECK(g.worstInput < 5e-3);
        }
    }
}

TEST_CASE("Activation names and defaults") {
    CHECK(Activation::fromName("leaky_relu").alpha == doctest::Approx(0.01));
    CHECK(Activation::fromName("elu").alpha == doctest::Approx(1.0));
    CHECK(std::string(Activation::fromName("selu").name()) == "selu");
    CHECK(test::thrownMessage([] { Activation::fromName("swish"); }) ==
          "unknown activation 'swish'; expected one of identity, relu, leaky_relu, elu, selu, sigmoid, tanh");
}
