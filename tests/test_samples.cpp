// aecv: autoencoders for OpenCV.
// The samples, run headless as a user would.
#include <doctest/doctest.h>

#include <cstdio>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

// "PSNR noisy A dB, denoised B dB" -> {A, B}
std::pair<double, double> psnrs(const std::string& out) {
    double noisy = 0, denoised = 0;
    const size_t at = out.find("PSNR noisy ");
    if (at != std::string::npos) std::sscanf(out.c_str() + at, "PSNR noisy %lf dB, denoised %lf dB", &noisy, &denoised);
    return {noisy, denoised};
}

// The sample's command line. OpenCV's video and camera backends (libusb through libdc1394,
// plugins it loads and unloads) leak at exit in sanitizer builds: leak checking stays on for
// aecv's own code in this process, off for the spawned sample.
std::string sample(const std::string& args) {
    return "ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" " + std::string(AECV_DENOISE_SAMPLE) + " " + args;
}

}  // namespace

TEST_CASE("aecv-denoise on video: headless, falls back to vtest.avi, writes a better video") {
    test::TempDir dir;
    const test::CommandResult r =
        test::runCommand(sample("--camera 97 --headless --add-noise 25 --frames 3 --output " + dir.file("out.avi")));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("no camera 97; playing /usr/share/doc/opencv-doc/examples/data/vtest.avi instead") !=
          std::string::npos);
    CHECK(r.out.find("3 frames") != std::string::npos);
    const auto [noisy, denoised] = psnrs(r.out);
    CHECK(noisy > 15);
    CHECK(denoised > noisy + 5);
    cv::VideoCapture written(dir.file("out.avi"));
    REQUIRE(written.isOpened());
    cv::Mat frame;
    REQUIRE(written.read(frame));
    CHECK(frame.size() == cv::Size(768, 576));  // vtest.avi's frames, denoised
}

TEST_CASE("aecv-denoise on an image, and its errors") {
    test::TempDir dir;
    cv::Mat image(90, 120, CV_8UC3);
    cv::randu(image, 0, 255);
    cv::GaussianBlur(image, image, {0, 0}, 4);
    cv::imwrite(dir.file("in.png"), image);
    const test::CommandResult r = test::runCommand(
        sample("--headless --add-noise 30 --input " + dir.file("in.png") + " --output " + dir.file("out.png")));
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    const auto [noisy, denoised] = psnrs(r.out);
    CHECK(denoised > noisy);
    CHECK(cv::imread(dir.file("out.png")).size() == image.size());

    const test::CommandResult missing = test::runCommand(sample("--headless --input " + dir.file("none.avi")));
    CHECK(missing.status == 1);
    CHECK(missing.out.find("error: cannot open '" + dir.file("none.avi") + "'") != std::string::npos);
    const test::CommandResult bad = test::runCommand(sample("--add-noise -3"));
    CHECK(bad.status == 2);
    CHECK(bad.out.find("error: --add-noise is -3; expected 0 or more") != std::string::npos);
    CHECK(test::runCommand(sample("--help")).out.find("--add-noise arg (=0)") != std::string::npos);
}
