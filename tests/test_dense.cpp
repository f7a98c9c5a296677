// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

namespace {

DenseConfig dense(int in, int out, const char* act = "identity", bool bias = true) {
    DenseConfig c;
    c.inFeatures = in;
    c.outFeatures = out;
    c.bias = bias;
    c.activation = Activation::fromName(act);
    return c;
}

}  // namespace

TEST_CASE("Dense forward and backward") {
    for (const char* act : {"identity", "relu", "selu", "sigmoid", "tanh", "elu", "leaky_relu"}) {
        for (int batch : {1, 7}) {
            CAPTURE(act);
            CAPTURE(batch);
            const DenseConfig cfg = dense(13, 5, act, batch == 1);
            Dense op(cfg);
            test::randomizeParams(op, 21);
            const cv::Mat x = test::randomTensor({batch, 13}, 22);
            const cv::Mat expected = test::refDense(x, op.weight().value, op.bias().value, cfg);
            for (Phase phase : {Phase::Inference, Phase::Training}) {
                cv::Mat y;
                op.forward({x}, y, phase);
                CHECK(test::maxAbsDiff(y, expected) <= 1e-5);
            }
            if (test::hasKink(cfg.activation)) continue;
            const test::GradCheck g = test::checkGradients(op, {x}, 1e-3);
            CAPTURE(g.worstInput);
            CAPTURE(g.worstParam);
            CHECK(g.worstInput < 1e-2);
            CHECK(g.worstParam < 1e-2);
        }
    }
}

TEST_CASE("Dense with a kinked activation: gradients equal the chain rule through ActivationOp") {
    for (const char* act : {"relu", "leaky_relu", "selu"}) {
        CAPTURE(act);
        Dense fused(dense(9, 6, act)), plain(dense(9, 6));
        test::randomizeParams(fused, 23);
        test::randomizeParams(plain, 23);
        ActivationOp activation(Activation::fromName(act));
        const cv::Mat x = test::randomTensor({4, 9}, 24), dy = test::randomTensor({4, 6}, 25);
        cv::Mat y, z, y2;
        std::vector<cv::Mat> dxFused(1), dz(1), dxPlain(1);
        fused.forward({x}, y, Phase::Training);
        plain.forward({x}, z, Phase::Training);
        activation.forward({z}, y2, Phase::Training);
        fused.backward({x}, y, dy, dxFused);
        activation.backward({z}, y2, dy, dz);
        plain.backward({x}, z, dz[0], dxPlain);
        CHECK(test::maxAbsDiff(y, y2) <= 1e-6);
        CHECK(test::maxAbsDiff(dxFused[0], dxPlain[0]) <= 1e-6);
        CHECK(test::maxAbsDiff(fused.weight().grad, plain.weight().grad) <= 1e-5);
    }
}

TEST_CASE("Dense keeps inference weights until they change") {
    Dense op(dense(4, 3));
    test::randomizeParams(op, 26);
    const cv::Mat x = test::randomTensor({2, 4}, 27);
    cv::Mat before, after;
    op.forward({x}, before, Phase::Inference);
    op.weight().value *= 2;
    op.bias().value *= 2;
    op.weightsChanged();
    op.forward({x}, after, Phase::Inference);
    CHECK(test::maxAbsDiff(after, 2 * before) <= 1e-5);
}

TEST_CASE("Dense reports bad configuration and input") {
    CHECK(test::thrownMessage([] { Dense op(dense(0, 3)); }) == "Dense features are 0 -> 3; expected >= 1 each");
    Dense op(dense(8, 3));
    cv::Mat y;
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({2, 7}, 1)}, y, Phase::Inference); }) ==
          "Dense input has shape [2, 7]; expected [N, 8] (flatten image tensors first)");
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({2, 8, 1, 1}, 1)}, y, Phase::Inference); }) ==
          "Dense input has shape [2, 8, 1, 1]; expected [N, 8] (flatten image tensors first)");
    const cv::Mat x = test::randomTensor({2, 8}, 1);
    op.forward({x}, y, Phase::Training);
    std::vector<cv::Mat> dx(1);
    CHECK(test::thrownMessage([&] { op.backward({x}, y, test::randomTensor({2, 4}, 1), dx); }) ==
          "Dense output gradient has shape [2, 4]; expected [2, 3]");
    op.bias().value.ptr<float>()[2] = std::numeric_limits<float>::infinity();
    CHECK(test::thrownMessage([&] { op.checkFinite(); }) ==
          "Dense parameter 'bias' has a non-finite value (inf) at index 2; expected finite numbers");
}

TEST_CASE("Dense with few inputs and many outputs trains (oneDNN 2.6's brgemm backward-data crashed)") {
    Dense op(dense(10, 3136, "tanh"));
    test::randomizeParams(op, 28, 0.05f);
    const test::GradCheck g = test::checkGradients(op, {test::randomTensor({16, 10}, 29)}, 1e-3, 20);
    CAPTURE(g.worstInput);
    CHECK(g.worstInput < 1e-2);
    CHECK(g.worstParam < 1e-2);
}

TEST_CASE("Dense backward adds to the parameter gradients and needs a training forward first") {
    Dense op(dense(12, 5, "selu"));
    test::randomizeParams(op, 30);
    const cv::Mat x = test::randomTensor({6, 12}, 31), dy = test::randomTensor({6, 5}, 32);
    cv::Mat y;
    std::vector<cv::Mat> dx(1);
    CHECK(test::thrownMessage([&] { op.backward({x}, test::randomTensor({6, 5}, 1), dy, dx); }) ==
          "Dense backward for input [6, 12]: call forward(..., Phase::Training) on that input first");
    op.forward({x}, y, Phase::Training);
    op.backward({x}, y, dy, dx);
    const cv::Mat once = op.weight().grad.clone(), onceBias = op.bias().grad.clone();
    CHECK(cv::norm(once) > 0);
    op.backward({x}, y, dy, dx);
    CHECK(test::maxAbsDiff(op.weight().grad, 2 * once) <= 1e-6);
    CHECK(test::maxAbsDiff(op.bias().grad, 2 * onceBias) <= 1e-6);
}
