// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Photos from a folder, cut into random square patches for the image presets.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace aecv::train {

struct PhotoSplit {
    std::vector<cv::Mat> train, validation;  // 8-bit BGR
    std::vector<std::string> trainNames, validationNames;
};

// Every readable image in `dir` (jpg, jpeg, png, bmp, tif, tiff, webp; not recursive) at least
// `minSide` pixels on each side, as 8-bit BGR, sorted by name; every `holdOut`-th one (1st, 6th,
// ... for 5) goes to validation. cv::Exception when no usable image is found.
PhotoSplit loadPhotoFolder(const std::string& dir, int minSide, int holdOut = 5);

// `spec`: one or more sources separated by ':', each a folder (as loadPhotoFolder) or a text file
// (.txt) listing image paths, one a line ('#' starts a comment; relative paths are relative to
// the list). Each source is split on its own (every `holdOut`-th of its usable images held out),
// so adding a source never changes another's validation set. Images with a side above `maxSide`
// (0: no limit) are scaled down to it (area interpolation): wallpapers of 5120 px are mostly
// smooth at the pixel level, unlike the frames a filter sees. A listed file that cannot be read
// is a cv::Exception naming it.
PhotoSplit loadPhotos(const std::string& spec, int minSide, int holdOut = 5, int maxSide = 0);
// The recipe's split (Recipe::splitSide), without the photos smaller than its patch.
struct Recipe;
PhotoSplit loadRecipePhotos(const std::string& spec, const Recipe& r);

// Fills `batch` [n, 3, size, size] (float BGR in [0, 1]) with random patches of random photos
// (a photo's chance follows its area), randomly flipped and rotated by multiples of 90 degrees.
// With minScale < 1 each patch is cut size / s pixels wide (s log-uniform in [minScale, 1], as far
// as the photo allows) and scaled down to `size` (area interpolation): the denser detail of
// downscaled photos and video frames, and cleaner targets (the source's own grain and JPEG
// artefacts average out). minScale = 1 draws exactly as without it. With colourJitter each
// patch's colours are varied as well: its channels in one of the 6 orders, then every value v
// (of 1) mapped to min(1, gain v^gamma), gain and gamma log-uniform in [0.75, 1.33]: a few dozen
// photos then show more of the colours and tones a filter meets (and their marks' contrast
// with them). Off, it draws exactly as without it.
void samplePatches(const std::vector<cv::Mat>& photos, int n, int size, cv::RNG& rng, cv::Mat& batch,
                   double minScale = 1.0, bool colourJitter = false);

// Writes an 8-bit BGR image into row `row` of a [N, 3, H, W] float blob, scaled to [0, 1].
void toBlob(const cv::Mat& bgr, cv::Mat& blob, int row = 0);

}  // namespace aecv::train
