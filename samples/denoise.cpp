// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-denoise: the learned denoiser on live video (webcam, video file or image).
//   aecv-denoise                      camera 0, or vtest.avi from opencv-doc when there is none
//   aecv-denoise --add-noise 25       add Gaussian noise first, to see the filter work on clean video
//   aecv-denoise --input in.avi --headless --output out.avi
//   aecv-denoise --strength 10        remove noise of this sigma instead of the level it estimates
#include <aecv/denoiser.hpp>

#include <opencv2/imgproc.hpp>

#include "common/filter_demo.hpp"
#include "common/sample_main.hpp"

using namespace aecv::samples;

namespace {

// Gaussian noise of `sigma` (of 255) on the colour channels, rounded and clipped the way a real
// frame is (8 bits: 0..255; float: [0, 1]); an alpha channel stays as it was.
cv::Mat addNoise(const cv::Mat& frame, double sigma, cv::RNG& rng) {
    const bool alpha = frame.channels() == 4;
    const bool f32 = frame.depth() == CV_32F;
    cv::Mat colour = frame;
    if (alpha) cv::cvtColor(frame, colour, cv::COLOR_BGRA2BGR);
    cv::Mat noise(colour.size(), CV_32FC(colour.channels())), f, noisy;
    rng.fill(noise, cv::RNG::NORMAL, 0, f32 ? sigma / 255 : sigma);
    colour.convertTo(f, noise.type());
    f += noise;
    if (f32) f = cv::min(cv::max(f, 0.0), 1.0);
    f.convertTo(noisy, frame.depth());
    if (!alpha) return noisy;
    cv::Mat planes[] = {noisy, cv::Mat()}, withAlpha(frame.size(), frame.type());
    cv::extractChannel(frame, planes[1], 3);
    const int fromTo[] = {0, 0, 1, 1, 2, 2, 3, 3};
    cv::mixChannels(planes, 2, &withAlpha, 1, fromTo, 4);
    return withAlpha;
}

}  // namespace

int main(int argc, char** argv) {
    SourceOptions source;
    double sigma = 0, strength = -1;
    po::options_description options("aecv-denoise: remove noise from video or an image with aecv's learned "
                                    "denoiser\n\noptions");
    options.add_options()("help,h", "show this help");
    source.addTo(options);
    options.add_options()("add-noise", po::value(&sigma)->default_value(0),
                          "add Gaussian noise of this sigma (0..255) first")
        ("strength", po::value(&strength), "remove noise of this sigma (of 255, 0..75; 0: output = input) instead of "
         "the level estimated on every frame");
    return sampleMain("aecv-denoise", argc, argv, options,
        [&](const po::variables_map&) {
            if (!(sigma >= 0 && sigma <= 255)) throw UsageError(cv::format("--add-noise is %g; expected 0 to 255", sigma));
            if (strength != -1 && !(strength >= 0 && strength <= 75))
                throw UsageError(cv::format("--strength is %g; expected a sigma from 0 to 75", strength));
            source.check();
        },
        [&] {
            aecv::Denoiser denoiser = source.model.empty() ? aecv::Denoiser() : aecv::Denoiser(source.model);
            if (strength >= 0) denoiser.setStrength(strength);
            FilterDemo demo;
            demo.name = "aecv-denoise";
            demo.spoiledLabel = "noisy";
            demo.restoredLabel = "denoised";
            demo.restore = [&](const cv::Mat& in, cv::Mat& out) { denoiser.apply(in, out); };
            if (sigma > 0) demo.spoil = [&](const cv::Mat& frame, cv::RNG& rng) { return addNoise(frame, sigma, rng); };
            return runFilterDemo(demo, source);
        });
}
