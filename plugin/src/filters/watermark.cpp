// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <aecv/watermark.hpp>

#include <iterator>

#include <opencv2/imgproc.hpp>

namespace aecv {

// The order of the draws below is part of every trained watermark model's recipe: changing it
// changes what `aecv-train --preset image-watermark` produces for a given seed.
Watermark Watermark::random(cv::Size size, cv::RNG& rng) {
    static const char* kWords[] = {"SAMPLE", "PREVIEW", "(c) 2026", "aecv", "DRAFT", "stock photo", "COPY",
                                   "watermark", "photo.example", "@someone", "NOT FOR SALE", "OpenCV"};
    Watermark m;
    const float y = rng.uniform(0.f, static_cast<float>(size.height));
    const float x = rng.uniform(0.f, static_cast<float>(size.width));
    m.centre = {x, y};
    if (rng.uniform(0, 4) != 0) {
        m.kind = Kind::Text;
        m.text = kWords[rng.uniform(0, static_cast<int>(std::size(kWords)))];
        m.font = rng.uniform(0, 8);
        if (rng.uniform(0, 4) == 0) m.font |= cv::FONT_ITALIC;
        m.scale = rng.uniform(0.35, 1.2);
        m.thickness = rng.uniform(1, 4);
        m.angle = rng.uniform(0, 2) ? rng.uniform(-45.0, 45.0) : 0.0;
    } else {
        m.radius = rng.uniform(6, std::max(7, size.width / 4));
        switch (rng.uniform(0, 4)) {
        case 0: m.kind = Kind::Ring; m.thickness = rng.uniform(2, 5); break;
        case 1: m.kind = Kind::Disc; break;
        case 2: m.kind = Kind::Box; m.thickness = rng.uniform(2, 5); break;
        default: m.kind = Kind::Cross; m.thickness = 3;
        }
    }
    m.opacity = rng.uniform(0.25, 0.75);
    const double grey = rng.uniform(0, 3) == 0 ? 0.0 : 1.0;
    const bool coloured = rng.uniform(0, 4) == 0;
    for (int c = 0; c < 3; ++c) m.colour[c] = coloured ? rng.uniform(0.0, 1.0) : grey;
    return m;
}

cv::Mat Watermark::alpha(cv::Size size) const {
    if (size.width <= 0 || size.height <= 0)
        CV_Error(cv::Error::StsBadArg, cv::format("Watermark::alpha: image size %dx%d; expected a non-empty image",
                 size.width, size.height));
    if (!(opacity > 0 && opacity <= 1))
        CV_Error(cv::Error::StsOutOfRange, cv::format("Watermark: opacity %g; expected a value in (0, 1]", opacity));
    cv::Mat mask = cv::Mat::zeros(size, CV_8UC1);
    const cv::Point c(static_cast<int>(centre.x), static_cast<int>(centre.y));
    switch (kind) {
    case Kind::Text: {
        int base = 0;
        const cv::Size extent = cv::getTextSize(text, font, scale, thickness, &base);
        cv::putText(mask, text, cv::Point(c.x - extent.width / 2, c.y + extent.height / 2), font, scale, 255,
                    thickness, cv::LINE_AA);
        if (angle != 0.0) cv::warpAffine(mask, mask, cv::getRotationMatrix2D(centre, angle, 1.0), mask.size());
        break;
    }
    case Kind::Ring: cv::circle(mask, c, radius, 255, thickness, cv::LINE_AA); break;
    case Kind::Disc: cv::circle(mask, c, radius, 255, cv::FILLED, cv::LINE_AA); break;
    case Kind::Box:
        cv::rectangle(mask, c - cv::Point(radius, radius / 2), c + cv::Point(radius, radius / 2), 255, thickness);
        break;
    case Kind::Cross:
        cv::line(mask, c - cv::Point(radius, 0), c + cv::Point(radius, 0), 255, thickness, cv::LINE_AA);
        cv::line(mask, c - cv::Point(0, radius), c + cv::Point(0, radius), 255, thickness, cv::LINE_AA);
        break;
    }
    cv::Mat a;
    mask.convertTo(a, CV_32F, opacity / 255.0);
    return a;
}

void addWatermark(cv::InputArray srcArray, cv::OutputArray dst, const Watermark& mark, cv::OutputArray alphaOut) {
    const cv::Mat src = srcArray.getMat();
    if (src.empty()) CV_Error(cv::Error::StsBadArg, "addWatermark: the image is empty");
    const int depth = src.depth(), channels = src.channels();
    if ((depth != CV_8U && depth != CV_32F) || (channels != 1 && channels != 3 && channels != 4))
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("addWatermark: the image has type %s; expected CV_8U or "
                 "CV_32F with 1, 3 or 4 channels", cv::typeToString(src.type()).c_str()));
    const cv::Mat alpha = mark.alpha(src.size());
    const double unit = depth == CV_8U ? 255.0 : 1.0;
    std::vector<cv::Mat> planes;
    cv::split(src, planes);
    const int colourPlanes = channels == 4 ? 3 : channels;
    const double grey = (mark.colour[0] + mark.colour[1] + mark.colour[2]) / 3;
    for (int c = 0; c < colourPlanes; ++c) {
        cv::Mat x, diff;
        planes[c].convertTo(x, CV_32F, 1.0 / unit);
        cv::subtract(cv::Scalar(channels == 1 ? grey : mark.colour[c]), x, diff);
        x += alpha.mul(diff);
        x.convertTo(planes[c], depth, unit);  // rounded and saturated for 8-bit images
    }
    cv::merge(planes, dst);
    if (alphaOut.needed()) alpha.copyTo(alphaOut);
}

}  // namespace aecv
