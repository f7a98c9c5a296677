// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <opencv2/dnn.hpp>

#include <aecv/aecv.hpp>

#include "builder.hpp"
#include "model/model.hpp"
#include "model/split.hpp"
#include "ops/slice.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

TEST_CASE("Slice takes a channel range forward and scatters the gradient back") {
    const cv::Mat x = test::randomTensor({2, 5, 3, 4}, 71);
    Slice op({1, 4});
    cv::Mat y;
    op.forward({x}, y, Phase::Training);
    REQUIRE(shapeOf(y) == Shape{2, 3, 3, 4});
    for (int n = 0; n < 2; ++n)
        for (int c = 0; c < 3; ++c)
            CHECK(cv::norm(cv::Mat(3, 4, CV_32F, y.ptr<float>(n, c)), cv::Mat(3, 4, CV_32F, const_cast<float*>(x.ptr<float>(n, c + 1))),
                           cv::NORM_INF) == 0);
    const test::GradCheck g = test::checkGradients(op, {x}, 1e-2, 80);
    CHECK(g.checked > 0);
    CHECK(g.worstInput < 1e-3);
    std::vector<cv::Mat> dx(1);
    op.backward({x}, y, cv::Mat(y.dims, y.size.p, CV_32F, cv::Scalar(1)), dx);
    CHECK(cv::sum(cv::Mat(1, static_cast<int>(dx[0].total()), CV_32F, dx[0].data))[0] == 2 * 3 * 3 * 4);
    CHECK(cv::norm(cv::Mat(3, 4, CV_32F, dx[0].ptr<float>(1, 0)), cv::NORM_INF) == 0);   // channel 0: not sliced
    CHECK(cv::norm(cv::Mat(3, 4, CV_32F, dx[0].ptr<float>(1, 4)), cv::NORM_INF) == 0);   // channel 4: not sliced

    CHECK(test::thrownMessage([] { Slice bad({3, 3}); }) ==
          "Slice channels [3, 3) are invalid; expected 0 <= start < end");
    Slice wide({2, 7});
    CHECK(test::thrownMessage([&] { wide.forward({x}, y, Phase::Inference); }) ==
          "Slice of channels [2, 7) from an input of shape [2, 5, 3, 4]; expected [N, C, ...] with C >= 7");
}

// Conv (blocked output) -> Slice of channels not on a block boundary -> Conv: the chain reorders
// to plain first; with a plain input the slice is a view. Both equal the unfused net.
TEST_CASE("Slice inside a oneDNN chain equals the unfused net") {
    registerLayers();
    model::Model m;
    m.inputShape = {1, 5, 12, 10};
    train::ModelBuilder b(m, 5);
    std::string x = b.slice("first", "input", 1, 5);                 // of the plain input: a view
    x = b.conv("c1", x, 4, 32, 3, 1, "same", "relu");                 // blocked output
    x = b.slice("middle", x, 3, 20);                                  // not on a 16-channel block
    x = b.conv("c2", x, 17, 3, 3, 1, "same", "identity");
    m.outputs = {x};
    const cv::Mat input = test::randomTensor({1, 5, 12, 10}, 72);
    // OpLayer chains (fused), one layer per node (plain), and the whole graph as one layer.
    const std::string bytes = model::toOnnxBytes(m);
    cv::dnn::Net fused = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    cv::dnn::Net plain = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    cv::dnn::Net graph = model::loadNet(m);
    plain.enableFusion(false);
    fused.setInput(input);
    plain.setInput(input);
    graph.setInput(input);
    const cv::Mat a = fused.forward().clone(), c = plain.forward().clone(), g = graph.forward().clone();
    CHECK(shapeOf(a) == Shape{1, 3, 12, 10});
    CHECK(test::maxAbsDiff(a, c) <= 1e-5);
    CHECK(test::maxAbsDiff(g, c) <= 1e-5);
}
