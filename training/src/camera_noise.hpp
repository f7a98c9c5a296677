// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Camera noise the way a sensor makes it (after Brooks et al., "Unprocessing Images for Learned
// Raw Denoising", CVPR 2019): an sRGB picture is taken back to linear light through a tone
// curve, white-balance and brightness gains are undone, the RGGB mosaic is sampled, Poisson-
// Gaussian noise of variance shot * x + read^2 is added, then the camera's path runs forwards:
// OpenCV's demosaicing, the gains, the tone curve, 8-bit quantisation and optionally JPEG.
#pragma once

#include <opencv2/core.hpp>

namespace aecv::train {

struct CameraNoise {
    double shot = 0.0;       // variance per unit of linear signal (signal in [0, 1])
    double read = 0.0;       // read-noise standard deviation (linear, [0, 1])
    double gamma = 2.2;      // the tone curve: linear = srgb^gamma
    double redGain = 2.0, blueGain = 1.7, brightness = 1.0;  // undone before the mosaic, redone after
    int jpegQuality = 0;     // 0: no JPEG

    // Brooks et al.'s ranges: log(shot) uniform over [log 1e-4, log 1.2e-2] (bright daylight to
    // very low light), log(read^2) = 2.18 log(shot) + 1.2 + N(0, 0.26); red gain 1.9..2.4, blue
    // 1.5..1.9, brightness 1 / N(0.8, 0.1); gamma 1.8..2.6; JPEG at quality 60..95 with
    // probability `jpegShare`.
    static CameraNoise random(cv::RNG& rng, double jpegShare = 0.3);
    // One light level: shot from that range, read from the mean relation; sRGB-like gamma 2.2,
    // typical gains.
    static CameraNoise atShot(double shot, int jpegQuality = 0);
};

// The sensor's noise on linear raw values (CV_32F, [0, 1]): Gaussian with variance
// shot * x + read^2 (Poisson shot noise in its usual Gaussian approximation, plus read noise).
void addSensorNoise(cv::Mat& signal, double shot, double read, cv::RNG& rng);

// `bgr`: CV_32FC3 in [0, 1] (rows and columns even). `noisy`: CV_32FC3 in [0, 1], multiples of
// 1/255 (a camera's 8-bit output). The noise comes from `rng`.
void addCameraNoise(const cv::Mat& bgr, cv::Mat& noisy, const CameraNoise& noise, cv::RNG& rng);

}  // namespace aecv::train
