// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("MaxPool forward and backward") {
    struct Case {
        const char* name;
        Window2d window;
        Shape input;
    };
    const Case cases[] = {
        {"2x2 stride 2, odd size floors (7 -> 3)", {2, 2, 2, 2}, {2, 3, 7, 7}},
        {"3x3 stride 2 pad 1", {3, 3, 2, 2, 1, 1, 1, 1}, {1, 2, 9, 6}},
        {"3x3 stride 1", {3, 3, 1, 1}, {1, 1, 5, 5}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        MaxPool op({c.window});
        // Distinct values: finite differences are exact when no two candidates tie.
        const cv::Mat x = test::randomTensor(c.input, 31, -5.f, 5.f);
        const cv::Mat expected = test::refMaxPool(x, {c.window});
        for (Phase phase : {Phase::Inference, Phase::Training}) {
            cv::Mat y;
            op.forward({x}, y, phase);
            REQUIRE(shapeOf(y) == shapeOf(expected));
            CHECK(test::maxAbsDiff(y, expected) == 0);
        }
        const test::GradCheck g = test::checkGradients(op, {x}, 1e-3, 200);
        CAPTURE(g.worstInput);
        CHECK(g.worstInput < 1e-2);
    }
}

TEST_CASE("MaxPool routes the gradient to the argmax") {
    MaxPool op({});
    cv::Mat x = makeTensor({1, 1, 2, 2});
    float* v = x.ptr<float>();
    v[0] = 1, v[1] = 4, v[2] = 3, v[3] = 2;
    cv::Mat y, dy = makeTensor({1, 1, 1, 1});
    dy.setTo(5);
    std::vector<cv::Mat> dx(1);
    op.forward({x}, y, Phase::Training);
    op.backward({x}, y, dy, dx);
    CHECK(y.ptr<float>()[0] == 4);
    const float* d = dx[0].ptr<float>();
    CHECK(d[0] == 0);
    CHECK(d[1] == 5);
    CHECK(d[2] == 0);
    CHECK(d[3] == 0);
}

TEST_CASE("MaxPool reports bad configuration and input") {
    CHECK(test::thrownMessage([] { MaxPool op({Window2d{2, 2, 2, 2, 2, 0, 0, 0}}); }) ==
          "MaxPool padding (2, 0, 0, 0) must be smaller than the kernel (2 x 2)");
    CHECK(test::thrownMessage([] { MaxPool op({Window2d{0, 2, 2, 2}}); }) == "MaxPool kernel height is 0; expected >= 1");
    MaxPool op({});
    cv::Mat y;
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({1, 2, 1, 6}, 1)}, y, Phase::Inference); }) ==
          "MaxPool input height 1 (padded 1) is smaller than the kernel extent 2");
}
