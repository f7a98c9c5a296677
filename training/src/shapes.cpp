// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "shapes.hpp"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace aecv::train {

Dataset makeShapes(int n, uint64_t seed) {
    CV_Assert(n > 0);
    constexpr int kSide = 28, kScale = 4;  // drawn at 4x with anti-aliasing, then reduced
    Dataset d;
    d.images = ops::makeTensor({n, 1, kSide, kSide});
    d.labels.resize(static_cast<size_t>(n));
    cv::RNG rng(seed);
    cv::Mat canvas(kSide * kScale, kSide * kScale, CV_8UC1), small;
    for (int i = 0; i < n; ++i) {
        const int kind = rng.uniform(0, 3);
        canvas.setTo(0);
        // Centred and upright, so that a 2-D code has room for what varies: kind and size.
        const double size = rng.uniform(4.0, 12.0) * kScale;  // "radius"
        const cv::Point2d c(kSide * kScale / 2.0, kSide * kScale / 2.0);
        if (kind == 0) {
            cv::circle(canvas, c, static_cast<int>(size), 255, cv::FILLED, cv::LINE_AA);
        } else {
            // square: corners at 45 + k 90 degrees; triangle: equilateral, pointing up
            const std::vector<double> angles = kind == 1
                ? std::vector<double>{CV_PI / 4, 3 * CV_PI / 4, 5 * CV_PI / 4, 7 * CV_PI / 4}
                : std::vector<double>{-CV_PI / 2, CV_PI / 6, 5 * CV_PI / 6};
            std::vector<cv::Point> points;
            for (double a : angles)
                points.emplace_back(static_cast<int>(c.x + size * std::cos(a)), static_cast<int>(c.y + size * std::sin(a)));
            cv::fillConvexPoly(canvas, points, 255, cv::LINE_AA);
        }
        cv::resize(canvas, small, {kSide, kSide}, 0, 0, cv::INTER_AREA);
        small.convertTo(cv::Mat(kSide, kSide, CV_32F, d.images.ptr<float>(i)), CV_32F, 1.0 / 255);
        d.labels[static_cast<size_t>(i)] = kind;
    }
    return d;
}

}  // namespace aecv::train
