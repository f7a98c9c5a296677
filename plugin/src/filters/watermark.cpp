// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <aecv/watermark.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <map>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

namespace aecv {

namespace {

// One alpha-blended layer of a mark: dst = src + alpha * (color - src).
struct Layer {
    cv::Mat alpha;  // CV_32FC1 in [0, 1]
    cv::Scalar color;
};

// FreeType faces are costly to open: one per font file and thread, kept.
cv::freetype::FreeType2& face(const std::string& file) {
    thread_local std::map<std::string, cv::Ptr<cv::freetype::FreeType2>> faces;
    cv::Ptr<cv::freetype::FreeType2>& f = faces[file];
    if (!f) {
        if (!std::filesystem::is_regular_file(file))
            CV_Error(cv::Error::StsObjectNotFound, cv::format("Watermark: the font file '%s' does not exist; expected "
                     "a TrueType or OpenType file (or an empty fontFile for a Hershey font)", file.c_str()));
        cv::Ptr<cv::freetype::FreeType2> opened = cv::freetype::createFreeType2();
        opened->loadFontData(file, 0);
        f = opened;
    }
    return *f;
}

int pixelHeight(const Watermark& m) { return std::max(4, static_cast<int>(std::lround(22.0 * m.scale))); }

// The text's box (width, height above the baseline) as it will be drawn.
cv::Size textSize(const Watermark& m) {
    int base = 0;
    if (m.fontFile.empty()) return cv::getTextSize(m.text, m.font, m.scale, m.thickness, &base);
    return face(m.fontFile).getTextSize(m.text, pixelHeight(m), -1, &base);
}

// Draws the text with its box's middle at `middle` (white on the 3-channel canvas freetype needs).
void drawText(cv::Mat& canvas, const Watermark& m, cv::Point2d middle, cv::Size box) {
    const cv::Point origin(static_cast<int>(std::lround(middle.x - box.width / 2.0)),
                           static_cast<int>(std::lround(middle.y + box.height / 2.0)));
    if (m.fontFile.empty())
        cv::putText(canvas, m.text, origin, m.font, m.scale, cv::Scalar::all(255), m.thickness, cv::LINE_AA);
    else
        face(m.fontFile).putText(canvas, m.text, origin, pixelHeight(m), cv::Scalar::all(255), -1, cv::LINE_AA, true);
}

// The text's coverage in [0, 1] on an image of `size`: one copy turned by `angle` about its
// middle at `center`, or (tiled) rows of copies, every other row shifted by half a pitch, on a
// grid turned by `angle` about the image's middle. Drawn on a canvas that holds the whole text
// (or grid) before turning, so nothing is cut that the turn would bring into the image.
cv::Mat textCoverage(const Watermark& m, cv::Size size) {
    const cv::Size box = textSize(m);
    cv::Mat canvas, turned;
    cv::Mat transform;
    if (!m.tiled) {
        const int pad = 4 + 2 * m.thickness;
        canvas = cv::Mat::zeros(box.height * 2 + 2 * pad, box.width + 2 * pad, CV_8UC3);
        const cv::Point2f middle(static_cast<float>(canvas.cols) / 2, static_cast<float>(canvas.rows) / 2);
        drawText(canvas, m, middle, box);
        transform = cv::getRotationMatrix2D(middle, m.angle, 1.0);
        transform.at<double>(0, 2) += m.center.x - middle.x;
        transform.at<double>(1, 2) += m.center.y - middle.y;
    } else {
        const int side = static_cast<int>(std::ceil(std::hypot(size.width, size.height))) + 2 * box.width;
        canvas = cv::Mat::zeros(side, side, CV_8UC3);
        const double pitchX = std::max(1.0, box.width * m.spacing), pitchY = std::max(1.0, box.height * m.spacing * 1.8);
        int row = 0;
        for (double y = pitchY / 2; y < side; y += pitchY, ++row)
            for (double x = (row % 2) * pitchX / 2; x < side + pitchX; x += pitchX) drawText(canvas, m, {x, y}, box);
        const cv::Point2f middle(static_cast<float>(side) / 2, static_cast<float>(side) / 2);
        transform = cv::getRotationMatrix2D(middle, m.angle, 1.0);
        transform.at<double>(0, 2) += size.width / 2.0 - middle.x;
        transform.at<double>(1, 2) += size.height / 2.0 - middle.y;
    }
    cv::Mat grey;
    cv::extractChannel(canvas, grey, 0);
    cv::warpAffine(grey, turned, transform, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::Mat coverage;
    turned.convertTo(coverage, CV_32F, 1.0 / 255);
    return coverage;
}

cv::Mat shapeCoverage(const Watermark& m, cv::Size size) {
    cv::Mat mask = cv::Mat::zeros(size, CV_8UC1);
    const cv::Point c(static_cast<int>(m.center.x), static_cast<int>(m.center.y));
    const int r = m.radius;
    switch (m.kind) {
    case Watermark::Kind::Ring: cv::circle(mask, c, r, 255, m.thickness, cv::LINE_AA); break;
    case Watermark::Kind::Disc: cv::circle(mask, c, r, 255, cv::FILLED, cv::LINE_AA); break;
    case Watermark::Kind::Box: cv::rectangle(mask, c - cv::Point(r, r / 2), c + cv::Point(r, r / 2), 255, m.thickness); break;
    case Watermark::Kind::Cross:
        cv::line(mask, c - cv::Point(r, 0), c + cv::Point(r, 0), 255, m.thickness, cv::LINE_AA);
        cv::line(mask, c - cv::Point(0, r), c + cv::Point(0, r), 255, m.thickness, cv::LINE_AA);
        break;
    case Watermark::Kind::Text: break;
    }
    cv::Mat coverage;
    mask.convertTo(coverage, CV_32F, 1.0 / 255);
    return coverage;
}

// `c` moved by (dx, dy) pixels, zeros coming in.
cv::Mat shifted(const cv::Mat& c, int dx, int dy) {
    const cv::Mat move = (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, dy);
    cv::Mat out;
    cv::warpAffine(c, out, move, c.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
    return out;
}

std::vector<Layer> layersOf(const Watermark& m, cv::Size size) {
    if (size.width <= 0 || size.height <= 0)
        CV_Error(cv::Error::StsBadArg, cv::format("Watermark::alpha: image size %dx%d; expected a non-empty image",
                 size.width, size.height));
    if (!(m.opacity > 0 && m.opacity <= 1))
        CV_Error(cv::Error::StsOutOfRange, cv::format("Watermark: opacity %g; expected a value in (0, 1]", m.opacity));
    if (m.tiled && !(m.spacing >= 1 && m.spacing <= 20))
        CV_Error(cv::Error::StsOutOfRange, cv::format("Watermark: spacing %g; expected 1 to 20 (in mark sizes)", m.spacing));
    const cv::Mat c = m.kind == Watermark::Kind::Text ? textCoverage(m, size) : shapeCoverage(m, size);
    const double o = m.opacity;
    // the mark's size in pixels, which sets the shadow's and the bevel's offset
    const double extent = m.kind == Watermark::Kind::Text ? 22.0 * m.scale : m.radius;
    const double grey = (m.color[0] + m.color[1] + m.color[2]) / 3;
    switch (m.style) {
    case Watermark::Style::Plain: return {{c * o, m.color}};
    case Watermark::Style::Outline: {
        const int w = std::max(1, m.thickness);
        cv::Mat grown, ring;
        cv::dilate(c, grown, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * w + 1, 2 * w + 1}));
        cv::max(grown - c, 0.0, ring);
        return {{ring * o, m.color}};
    }
    case Watermark::Style::Shadow: {
        const int d = std::max(1, static_cast<int>(std::lround(extent / 12)));
        cv::Mat shadow;
        cv::GaussianBlur(shifted(c, d, d), shadow, {0, 0}, 0.7 * d);
        return {{shadow * (0.7 * o), cv::Scalar::all(grey > 0.5 ? 0.0 : 1.0)}, {c * o, m.color}};
    }
    case Watermark::Style::Emboss: {
        const int d = std::max(1, static_cast<int>(std::lround(extent / 16)));
        cv::Mat light, dark;
        cv::max(c - shifted(c, d, d), 0.0, light);    // edges facing up-left
        cv::max(c - shifted(c, -d, -d), 0.0, dark);  // edges facing down-right
        return {{c * (0.35 * o), m.color}, {light * o, cv::Scalar::all(1.0)}, {dark * o, cv::Scalar::all(0.0)}};
    }
    }
    return {};
}

// Debian's font packages: the training fonts, and others kept for evaluation only.
const char* const kTrainingFonts[] = {
    "truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf", "truetype/dejavu/DejaVuSans-ExtraLight.ttf",
    "truetype/dejavu/DejaVuSansCondensed-BoldOblique.ttf", "truetype/dejavu/DejaVuSerif.ttf",
    "truetype/dejavu/DejaVuSerif-BoldItalic.ttf", "truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "truetype/dejavu/DejaVuSerifCondensed-Italic.ttf", "truetype/liberation2/LiberationSans-Regular.ttf",
    "truetype/liberation2/LiberationSans-BoldItalic.ttf", "truetype/liberation2/LiberationSerif-Bold.ttf",
    "truetype/liberation2/LiberationSerif-Italic.ttf", "truetype/liberation2/LiberationMono-Regular.ttf",
    "truetype/lato/Lato-Light.ttf", "truetype/lato/Lato-Black.ttf", "truetype/lato/Lato-HeavyItalic.ttf",
    "truetype/lato/Lato-Medium.ttf", "truetype/wqy/wqy-microhei.ttc"};
const char* const kHeldOutFonts[] = {
    "truetype/freefont/FreeSans.ttf", "truetype/freefont/FreeSansBold.ttf", "truetype/freefont/FreeSerifItalic.ttf",
    "truetype/freefont/FreeSerifBold.ttf", "truetype/freefont/FreeMonoBold.ttf", "truetype/open-sans/OpenSans-Bold.ttf",
    "opentype/cantarell/Cantarell-Regular.otf", "opentype/cantarell/Cantarell-ExtraBold.otf",
    "opentype/urw-base35/NimbusSans-Bold.otf", "opentype/urw-base35/C059-Italic.otf",
    "opentype/urw-base35/P052-Roman.otf", "opentype/urw-base35/URWBookman-Light.otf",
    "opentype/urw-base35/Z003-MediumItalic.otf", "opentype/urw-base35/URWGothic-Demi.otf"};
// Fonts whose symbols the logos draw on (a subset of each set's).
const char* const kTrainingSymbolFonts[] = {"truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"};
const char* const kHeldOutSymbolFonts[] = {"truetype/freefont/FreeSerif.ttf"};  // FreeSans lacks them

// Words: ASCII (any font), other scripts (font files), CJK (the CJK font only); symbols.
const char* const kTrainingWords[] = {"SAMPLE", "PREVIEW", "(c) 2026", "aecv", "DRAFT", "stock photo", "COPY",
                                      "watermark", "photo.example", "@someone", "NOT FOR SALE", "OpenCV",
                                      "CONFIDENTIAL", "www.pictures-example.net", "Studio Lumen", "PROOF COPY",
                                      "all rights reserved", "#travel", "M. Rossi Photography"};
const char* const kTrainingScripts[] = {"\u00a9 2025 Ma\u00efa Fotograf\u00eda", "\u041e\u0411\u0420\u0410\u0417\u0415\u0426",
                                        "\u0394\u0395\u0399\u0393\u039c\u0391", "\u00a9 Ren\u00e9e M\u00fcller",
                                        "\u0424\u043e\u0442\u043e\u0431\u0430\u043d\u043a"};
const char* const kTrainingCjk[] = {"\u6837\u672c", "\u7248\u6743\u6240\u6709", "\u30b5\u30f3\u30d7\u30eb"};
const char* const kTrainingSymbols[] = {"\u2605", "\u00a9", "\u00ae", "\u2665", "\u2602", "\u2708", "\u2600",
                                        "\u266b", "\u273f", "\u2691", "\u260e", "\u265e"};
const char* const kHeldOutWords[] = {"DO NOT COPY", "Image courtesy of J. Doe", "PREVIEW ONLY", "images.example.org",
                                     "UNLICENSED", "Sample Image", "\u00a9 Kim Photo Co.", "LOW RESOLUTION",
                                     "\u041f\u0420\u041e\u0411\u0410", "draft v2"};
const char* const kHeldOutSymbols[] = {"\u272a", "\u2618", "\u265b", "\u262f", "\u2709", "\u2693"};

template <size_t N>
const char* pick(const char* const (&items)[N], cv::RNG& rng) {
    return items[rng.uniform(0, static_cast<int>(N))];
}

std::vector<std::string> installed(const char* const* first, const char* const* last) {
    std::vector<std::string> found;
    for (; first != last; ++first) {
        const std::filesystem::path p = std::filesystem::path("/usr/share/fonts") / *first;
        if (std::filesystem::is_regular_file(p)) found.push_back(p.string());
    }
    return found;
}

const std::vector<std::string>& symbolFonts(Watermark::Set set) {
    static const std::vector<std::string> training = installed(std::begin(kTrainingSymbolFonts), std::end(kTrainingSymbolFonts));
    static const std::vector<std::string> heldOut = installed(std::begin(kHeldOutSymbolFonts), std::end(kHeldOutSymbolFonts));
    return set == Watermark::Set::Training ? training : heldOut;
}

}  // namespace

const std::vector<std::string>& Watermark::fontFiles(Set set) {
    static const std::vector<std::string> training = installed(std::begin(kTrainingFonts), std::end(kTrainingFonts));
    static const std::vector<std::string> heldOut = installed(std::begin(kHeldOutFonts), std::end(kHeldOutFonts));
    return set == Set::Training ? training : heldOut;
}

// The order of the draws below is part of every trained watermark model's recipe: changing it
// changes what `aecv-train --preset image-watermark` produces for a given seed.
Watermark Watermark::random(cv::Size size, cv::RNG& rng, Set set) {
    const bool training = set == Set::Training;
    const std::vector<std::string>& fonts = fontFiles(set);
    const std::vector<std::string>& symbols = symbolFonts(set);
    const double side = std::min(size.width, size.height);
    Watermark m;
    const float y = rng.uniform(0.f, static_cast<float>(size.height));
    const float x = rng.uniform(0.f, static_cast<float>(size.width));
    m.center = {x, y};
    int kind = rng.uniform(0, 20);  // text 0..9, tiled text 10..12, a symbol 13..15, a logo 16..19
    if (kind >= 13 && kind < 16 && symbols.empty()) kind = 16;
    if (kind < 13) {
        m.kind = Kind::Text;
        // training: a quarter in Hershey fonts; held out: only font files (Hershey when none is installed)
        const bool file = !fonts.empty() && (!training || rng.uniform(0, 4) != 0);
        if (file) {
            m.fontFile = fonts[static_cast<size_t>(rng.uniform(0, static_cast<int>(fonts.size())))];
            const bool cjk = m.fontFile.find("wqy") != std::string::npos;
            const int script = rng.uniform(0, 4);  // 1 in 4: another script than Latin
            m.text = !training ? pick(kHeldOutWords, rng)
                     : script != 0 ? pick(kTrainingWords, rng) : cjk ? pick(kTrainingCjk, rng) : pick(kTrainingScripts, rng);
        } else {
            m.font = rng.uniform(0, 8);
            if (rng.uniform(0, 4) == 0) m.font |= cv::FONT_ITALIC;
            m.text = training ? pick(kTrainingWords, rng) : pick(kHeldOutWords, rng);
        }
        m.thickness = rng.uniform(1, 4);
        if (kind >= 10) {  // tiled across the image
            m.tiled = true;
            m.scale = side * rng.uniform(0.06, 0.2) / 22;
            m.angle = (rng.uniform(0, 2) ? 1 : -1) * rng.uniform(20.0, 45.0);
            m.spacing = rng.uniform(1.2, 2.2);
        } else {
            const int extent = rng.uniform(0, 4);  // a corner credit, two of medium size, one as wide as the image
            if (extent == 0) {
                m.scale = rng.uniform(8.0, 15.0) / 22;
            } else if (extent == 3) {
                m.scale = 1.0;
                m.scale = rng.uniform(0.5, 0.95) * size.width / std::max(1, textSize(m).width);
                m.scale = std::min(m.scale, 0.5 * side / 22);
            } else {
                m.scale = std::max(8.0, side * rng.uniform(0.08, 0.3)) / 22;
            }
            if (extent != 0 && rng.uniform(0, 2)) m.angle = rng.uniform(-45.0, 45.0);
            if (extent == 0) {  // in a corner, a few pixels from the edges
                const cv::Size box = textSize(m);
                const float margin = rng.uniform(2.f, 8.f);
                const bool right = rng.uniform(0, 2), bottom = rng.uniform(0, 3) != 0;
                const float w = static_cast<float>(size.width), h = static_cast<float>(size.height);
                const float bw = static_cast<float>(box.width) / 2, bh = static_cast<float>(box.height) / 2;
                m.center.x = right ? w - margin - bw : margin + bw;
                m.center.y = bottom ? h - margin - bh : margin + bh;
            }
        }
    } else if (kind < 16) {
        m.kind = Kind::Text;
        m.fontFile = symbols[static_cast<size_t>(rng.uniform(0, static_cast<int>(symbols.size())))];
        m.text = training ? pick(kTrainingSymbols, rng) : pick(kHeldOutSymbols, rng);
        m.scale = std::max(10.0, side * rng.uniform(0.15, 0.8)) / 22;
        m.thickness = rng.uniform(1, 4);
    } else {
        m.radius = rng.uniform(6, std::max(7, static_cast<int>(side) / 4));
        switch (rng.uniform(0, 4)) {
        case 0: m.kind = Kind::Ring; m.thickness = rng.uniform(2, 5); break;
        case 1: m.kind = Kind::Disc; break;
        case 2: m.kind = Kind::Box; m.thickness = rng.uniform(2, 5); break;
        default: m.kind = Kind::Cross; m.thickness = 3;
        }
    }
    const int style = rng.uniform(0, 20);
    m.style = style < 11 ? Style::Plain : style < 14 ? Style::Outline : style < 17 ? Style::Shadow : Style::Emboss;
    m.opacity = rng.uniform(0.15, 0.8);
    const double grey = rng.uniform(0, 3) == 0 ? 0.0 : 1.0;
    const bool coloured = rng.uniform(0, 4) == 0;
    for (int c = 0; c < 3; ++c) m.color[c] = coloured ? rng.uniform(0.0, 1.0) : grey;
    return m;
}

cv::Mat Watermark::alpha(cv::Size size) const {
    cv::Mat clear(size.height > 0 && size.width > 0 ? size : cv::Size(1, 1), CV_32F, cv::Scalar(1.0));
    for (const Layer& l : layersOf(*this, size)) clear = clear.mul(1.0 - l.alpha);  // 1 - prod(1 - alpha_i)
    return 1.0 - clear;
}

void addWatermark(cv::InputArray srcArray, cv::OutputArray dst, const Watermark& mark, cv::OutputArray alphaOut) {
    const cv::Mat src = srcArray.getMat();
    if (src.empty()) CV_Error(cv::Error::StsBadArg, "addWatermark: the image is empty");
    const int depth = src.depth(), channels = src.channels();
    if ((depth != CV_8U && depth != CV_32F) || (channels != 1 && channels != 3 && channels != 4))
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("addWatermark: the image has type %s; expected CV_8U or "
                 "CV_32F with 1, 3 or 4 channels", cv::typeToString(src.type()).c_str()));
    const std::vector<Layer> layers = layersOf(mark, src.size());
    const double unit = depth == CV_8U ? 255.0 : 1.0;
    std::vector<cv::Mat> planes;
    cv::split(src, planes);
    const int colorPlanes = channels == 4 ? 3 : channels;
    for (int c = 0; c < colorPlanes; ++c) {
        cv::Mat x, diff;
        planes[static_cast<size_t>(c)].convertTo(x, CV_32F, 1.0 / unit);
        for (const Layer& l : layers) {
            const double grey = (l.color[0] + l.color[1] + l.color[2]) / 3;
            cv::subtract(cv::Scalar(channels == 1 ? grey : l.color[c]), x, diff);
            x += l.alpha.mul(diff);
        }
        x.convertTo(planes[static_cast<size_t>(c)], depth, unit);  // rounded and saturated for 8-bit images
    }
    cv::merge(planes, dst);
    if (alphaOut.needed()) {
        cv::Mat clear(src.size(), CV_32F, cv::Scalar(1.0));
        for (const Layer& l : layers) clear = clear.mul(1.0 - l.alpha);
        cv::Mat(1.0 - clear).copyTo(alphaOut);
    }
}

}  // namespace aecv
