// aecv: autoencoders for OpenCV.
#include "ops/gaussian_noise.hpp"

#include <cmath>

namespace aecv::ops {

GaussianNoise::GaussianNoise(float stddev, uint64_t seed) : stddev_(stddev), rng_(seed) {
    if (!(stddev >= 0.f) || !std::isfinite(stddev))
        CV_Error(cv::Error::StsOutOfRange, cv::format("GaussianNoise stddev is %g; expected a finite value >= 0",
                 static_cast<double>(stddev)));
}

void GaussianNoise::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape s = inputShapes(inputs)[0];
    if (phase == Phase::Inference || stddev_ == 0.f) {
        output = inputs[0];
        return;
    }
    ensureTensor(output, s);
    rng_.fill(output, cv::RNG::NORMAL, 0.0, static_cast<double>(stddev_));
    output += inputs[0];
}

void GaussianNoise::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                             std::vector<cv::Mat>& dInputs) {
    inputShapes(inputs);
    requireGradShape(dOutput, output);
    if (!dInputs.empty()) dInputs[0] = dOutput;
}

}  // namespace aecv::ops
