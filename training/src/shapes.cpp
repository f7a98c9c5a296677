// aecv: autoencoders for OpenCV.
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
        // Near the centre, so that a 2-D code has room for what matters: kind, size, rotation.
        const double size = rng.uniform(5.0, 11.0) * kScale;  // "radius"
        const double half = kSide * kScale / 2.0, jitter = 1.5 * kScale;
        const cv::Point2d c(half + rng.uniform(-jitter, jitter), half + rng.uniform(-jitter, jitter));
        const double angle = rng.uniform(0.0, 2 * CV_PI);
        const int value = 255;
        const int thickness = cv::FILLED;
        if (kind == 0) {
            cv::circle(canvas, c, static_cast<int>(size), value, thickness, cv::LINE_AA);
        } else {
            // rectangle: corners at +-t and pi +- t (t sets the aspect); triangle: equilateral
            const double t = std::atan(rng.uniform(0.5, 1.0));
            const std::vector<double> angles = kind == 1 ? std::vector<double>{t, CV_PI - t, CV_PI + t, -t}
                                                         : std::vector<double>{0, 2 * CV_PI / 3, 4 * CV_PI / 3};
            std::vector<cv::Point> points;
            for (double a : angles)
                points.emplace_back(static_cast<int>(c.x + size * std::cos(angle + a)),
                                    static_cast<int>(c.y + size * std::sin(angle + a)));
            if (thickness == cv::FILLED) cv::fillConvexPoly(canvas, points, value, cv::LINE_AA);
            else cv::polylines(canvas, points, true, value, thickness, cv::LINE_AA);
        }
        cv::resize(canvas, small, {kSide, kSide}, 0, 0, cv::INTER_AREA);
        small.convertTo(cv::Mat(kSide, kSide, CV_32F, d.images.ptr<float>(i)), CV_32F, 1.0 / 255);
        d.labels[static_cast<size_t>(i)] = kind;
    }
    return d;
}

}  // namespace aecv::train
