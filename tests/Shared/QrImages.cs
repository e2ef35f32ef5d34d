using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace HotelAgent.Tests.Shared;

// Linked into the test projects that read the QR codes of booking cards (needs the ZXing.Net and StbImageSharp packages).
/// <summary>Reads the QR code in a PNG, the way a phone's camera at the front desk would.</summary>
public static class QrImages
{
    /// <summary>Decodes the PNG and returns the text of the QR code in it, or <see langword="null"/> when none is found.</summary>
    public static string? Decode(ReadOnlySpan<byte> png)
    {
        var image = ImageResult.FromMemory(png.ToArray(), ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        return reader.Decode(source)?.Text;
    }
}
