// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-generate: new images from a variational autoencoder.
//   aecv-generate                                  the shipped Fashion-MNIST VAE: samples, an interpolation
//   aecv-generate --model shapes_vae.onnx          2-D code: also the decoded map of the latent space
//   aecv-generate --from a.png --to b.png          interpolate between two encoded pictures
// With a display, a window then walks the latent space (a 2-D code follows the mouse over the map).
#include <aecv/autoencoder.hpp>
#include <aecv/denoiser.hpp>

#include <filesystem>
#include <iostream>

#include <opencv2/dnn.hpp>
#include <opencv2/highgui.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/files.hpp"
#include "common/sample_main.hpp"

using namespace aecv::samples;

namespace {

struct Options {
    std::string model, out = "generated", from, to;
    int count = 64, columns = 8, steps = 10, side = 15, scale = 3;
    double range = 2.5;
    uint64_t seed = 1;
    bool headless = false;
};

// --out must be a folder that exists or can be made, and whose pictures can be replaced.
void checkOutputFolder(const std::string& out) {
    std::error_code error;
    if (std::filesystem::exists(out, error) && !std::filesystem::is_directory(out, error))
        throw UsageError("--out '" + out + "' is a file; expected a folder (made if missing)");
    if (std::filesystem::is_directory(out, error))
        for (const char* name : {"samples.png", "interpolation.png", "latent_grid.png"})
            checkOutputPath("--out", out + "/" + name, {});
}

// The pictures, all made before the first is written: a failure midway writes nothing.
struct Pictures {
    std::vector<std::pair<std::string, cv::Mat>> files;
    std::vector<std::string> about;
    void add(const std::string& path, const cv::Mat& image, const std::string& what) {
        files.emplace_back(path, image);
        about.push_back(what);
    }
    void write() const {
        for (size_t i = 0; i < files.size(); ++i) {
            writeImage(files[i].first, files[i].second);
            std::cout << "wrote " << files[i].first << " (" << about[i] << ")\n";
        }
    }
};

// A picture as the model's input blob: its channels, its size, pixels in [0, 1].
cv::Mat readInput(const std::string& path, const std::vector<int>& shape) {
    const bool grey = shape.size() == 4 && shape[1] == 1;
    const cv::Mat image = cv::imread(path, grey ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    if (image.empty()) {
        const std::string why = unreadableReason(path);
        throw std::runtime_error("cannot read '" + path + "': " + (why.empty() ? "OpenCV cannot decode it" : why));
    }
    if (shape.size() != 4) throw std::runtime_error("the model does not take images");
    return cv::dnn::blobFromImage(image, 1.0 / 255, cv::Size(shape[3], shape[2]));
}

// One random code from N(0, I), shaped like the model's codes.
cv::Mat randomCode(aecv::Autoencoder& vae, cv::RNG& rng) {
    const cv::Mat any = vae.encode(cv::Mat(vae.inputShape(), CV_32F, cv::Scalar(0)));
    cv::Mat z(any.dims, any.size.p, CV_32F);
    rng.fill(z, cv::RNG::NORMAL, 0.0, 1.0);
    return z;
}

// The window: the decoded image of a code that walks from one random code to the next; a 2-D
// code follows the mouse over the map of the latent space instead while the mouse is on it.
void explore(aecv::Autoencoder& vae, const Options& o, cv::Mat map) {
    if (!map.empty() && map.rows > 560) cv::resize(map, map, {560, 560}, 0, 0, cv::INTER_AREA);
    struct Mouse { cv::Point at{-1, -1}; } mouse;
    const std::string title = "aecv-generate: latent walk (q to quit)";
    cv::namedWindow(title);
    cv::setMouseCallback(title, [](int, int x, int y, int, void* m) { static_cast<Mouse*>(m)->at = {x, y}; }, &mouse);
    cv::RNG rng(o.seed);
    cv::Mat from = randomCode(vae, rng), to = randomCode(vae, rng), code;
    const int panel = 28 * 8;
    for (int t = 0;; ++t) {
        const double f = (t % 60) / 60.0;
        if (t % 60 == 0 && t > 0) {
            from = to;
            to = randomCode(vae, rng);
        }
        cv::addWeighted(from, 1 - f, to, f, 0, code);
        cv::Mat view(std::max(panel, map.rows), panel + map.cols, CV_8UC3, cv::Scalar::all(0));
        if (!map.empty()) {
            cv::cvtColor(map, view(cv::Rect(panel, 0, map.cols, map.rows)), cv::COLOR_GRAY2BGR);
            const cv::Point p = mouse.at - cv::Point(panel, 0);
            if (p.x >= 0 && p.y >= 0 && p.x < map.cols && p.y < map.rows) {  // code under the mouse
                code.at<float>(0) = static_cast<float>(-o.range + 2 * o.range * p.x / map.cols);
                code.at<float>(1) = static_cast<float>(o.range - 2 * o.range * p.y / map.rows);
            }
            const cv::Point at(panel + cvRound((code.at<float>(0) + o.range) / (2 * o.range) * map.cols),
                               cvRound((o.range - code.at<float>(1)) / (2 * o.range) * map.rows));
            cv::circle(view, at, 6, cv::Scalar(0, 0, 255), 2, cv::LINE_AA);  // where the code is
        }
        cv::Mat image = aecv::imageGrid(vae.decode(code), 1, 1), big;
        if (image.channels() == 3) cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
        cv::resize(image, big, {panel, panel}, 0, 0, cv::INTER_NEAREST);
        cv::cvtColor(big, view(cv::Rect(0, 0, panel, panel)), cv::COLOR_GRAY2BGR);
        cv::imshow(title, view);
        const int key = cv::waitKey(30);
        if (key == 'q' || key == 27) break;
    }
}

int run(const Options& o) {
    aecv::Autoencoder vae(o.model.empty() ? aecv::defaultModelPath("fashion_vae") : o.model);
    Pictures pictures;
    pictures.add(o.out + "/samples.png", aecv::imageGrid(vae.sample(o.count, o.seed), o.columns, o.scale),
             cv::format("%d samples from N(0, I), seed %llu", o.count, static_cast<unsigned long long>(o.seed)));

    cv::Mat a, b;
    std::string between;
    if (!o.from.empty()) {
        a = vae.encode(readInput(o.from, vae.inputShape()));
        b = vae.encode(readInput(o.to, vae.inputShape()));
        between = "'" + o.from + "' and '" + o.to + "'";
    } else {
        cv::RNG rng(o.seed + 1);
        a = randomCode(vae, rng);
        b = randomCode(vae, rng);
        between = "two random codes";
    }
    pictures.add(o.out + "/interpolation.png", aecv::imageGrid(vae.interpolate(a, b, o.steps), o.steps, o.scale),
             cv::format("%d steps between ", o.steps) + between);

    cv::Mat map;
    if (a.total() == 2) {
        map = aecv::imageGrid(vae.decodeGrid(o.side, o.range), o.side, std::max(1, o.scale - 1));
        pictures.add(o.out + "/latent_grid.png", map,
                 cv::format("%dx%d codes over [-%g, %g]^2", o.side, o.side, o.range, o.range));
        if (map.channels() == 3) cv::cvtColor(map, map, cv::COLOR_BGR2GRAY);
    }
    std::filesystem::create_directories(o.out);
    pictures.write();
    if (!o.headless) explore(vae, o, map);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    po::options_description options("aecv-generate: new images from a variational autoencoder (aecv model of "
                                    "task 'vae')\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("model", po::value(&o.model), "an aecv VAE (default: the shipped fashion_vae.onnx)")
        ("out", po::value(&o.out)->default_value(o.out), "folder for samples.png, interpolation.png, latent_grid.png")
        ("count", po::value(&o.count)->default_value(o.count), "samples to draw")
        ("columns", po::value(&o.columns)->default_value(o.columns), "samples per row of samples.png")
        ("steps", po::value(&o.steps)->default_value(o.steps), "images in the interpolation")
        ("from", po::value(&o.from), "interpolate from this picture's code (with --to) instead of a random code")
        ("to", po::value(&o.to), "... to this picture's code")
        ("grid", po::value(&o.side)->default_value(o.side), "2-D codes: the latent map is N x N decoded codes")
        ("range", po::value(&o.range)->default_value(o.range), "2-D codes: the map covers [-R, R]^2")
        ("scale", po::value(&o.scale)->default_value(o.scale), "enlarge every image this many times")
        ("seed", po::value(&o.seed)->default_value(o.seed), "seed of the sampled codes")
        ("headless", po::bool_switch(&o.headless), "no window (the default when there is no display)");
    return sampleMain("aecv-generate", argc, argv, options,
        [&](const po::variables_map&) {
            const auto within = [](const char* option, int value, int lo, int hi) {
                if (value < lo || value > hi)
                    throw UsageError(cv::format("--%s is %d; expected %d to %d", option, value, lo, hi));
            };
            within("count", o.count, 1, 4096);
            within("columns", o.columns, 1, 256);
            within("steps", o.steps, 2, 256);
            within("grid", o.side, 2, 256);
            within("scale", o.scale, 1, 32);
            if (!(o.range > 0 && o.range <= 100))
                throw UsageError(cv::format("--range is %g; expected a number in (0, 100]", o.range));
            checkOutputFolder(o.out);
            if (o.from.empty() != o.to.empty()) throw UsageError("--from and --to go together");
            o.headless = o.headless || !haveDisplay();
        },
        [&] { return run(o); });
}
