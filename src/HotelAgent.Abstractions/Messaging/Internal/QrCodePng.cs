using QRCoder;

namespace HotelAgent.Abstractions;

/// <summary>The PNG of a QR code, made with QRCoder: black on white, with its quiet zone, error correction level M.</summary>
internal static class QrCodePng
{
    public static byte[] Make(string text, int pixelsPerModule)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }
}
