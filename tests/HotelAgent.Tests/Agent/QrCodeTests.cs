using System.Buffers.Binary;
using System.IO.Compression;
using HotelAgent.Tests.Shared;

namespace HotelAgent.Tests.Agent;

public sealed class QrCodeTests
{
    public static TheoryData<string, int> Texts => new()
    {
        // text, version expected at level M
        { "HA-7K3QX9", 1 }, // alphanumeric
        { "01234567", 1 }, // numeric
        { "ha-7k3qx9", 1 }, // byte (lower case is not alphanumeric)
        { "Reserva nº 42 · Ana García", 3 }, // byte, UTF-8
        { new string('7', 210), 6 }, // numeric, four blocks
        { "HTTPS://HOTEL.EXAMPLE/BOOKING/" + new string('Z', 130), 7 }, // alphanumeric, version information
        { string.Concat(Enumerable.Repeat("booking-code:ABC123;", 20)), 15 }, // byte, blocks of two lengths
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Encode_DecodesBackToTheText_AtTheSmallestVersion(string text, int version)
    {
        var code = QrCode.Encode(text);

        code.Version.Should().Be(version);
        code.Size.Should().Be((4 * version) + 17);
        QrImages.Decode(code.ToPng(4)).Should().Be(text);
    }

    [Fact]
    public void Encode_FinderPatternsInThreeCorners()
    {
        var code = QrCode.Encode("HA-7K3QX9");

        foreach (var (x, y) in new[] { (0, 0), (code.Size - 7, 0), (0, code.Size - 7) })
        {
            for (var i = 0; i < 7; i++)
            {
                code[x + i, y].Should().BeTrue();
                code[x + i, y + 6].Should().BeTrue();
                code[x, y + i].Should().BeTrue();
                code[x + 6, y + i].Should().BeTrue();
            }

            code[x + 1, y + 1].Should().BeFalse();
            code[x + 3, y + 3].Should().BeTrue();
        }
    }

    [Fact]
    public void ToPng_IsAOneBitGrayscaleImageOfTheModulesWithTheQuietZone()
    {
        var code = QrCode.Encode("HA-7K3QX9");

        var png = code.ToPng(8);

        var side = (code.Size + 8) * 8;
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(side);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).Should().Be(side);
        png[24].Should().Be(1, "one bit a pixel");
        png[25].Should().Be(0, "grayscale");
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33, 4));
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var stride = (side + 7) / 8;
        inflated.Length.Should().Be((stride + 1) * side);
        var pixels = Unfilter(inflated.ToArray(), stride, side);
        bool Black(int px, int py) => (pixels[py][px >> 3] & (0x80 >> (px & 7))) == 0;
        for (var y = -4; y < code.Size + 4; y++)
        {
            for (var x = -4; x < code.Size + 4; x++)
            {
                var dark = x >= 0 && y >= 0 && x < code.Size && y < code.Size && code[x, y];
                Black(((x + 4) * 8) + 3, ((y + 4) * 8) + 5).Should().Be(dark, "module ({0}, {1})", x, y);
            }
        }

        png.AsSpan(png.Length - 8, 4).ToArray().Should().Equal("IEND"u8.ToArray());
    }

    [Theory]
    [InlineData(21)]
    [InlineData(25)]
    [InlineData(57)]
    [InlineData(64)]
    public void RowPenalty_IsThePenaltyCountedModuleByModule(int size)
    {
        var random = new Random(size);
        for (var sample = 0; sample < 200; sample++)
        {
            // Random symbols, and symbols of long runs (finder-like patterns, blocks, lopsided balance).
            var modules = new bool[size * size];
            var runLength = sample % 2 == 0 ? 1 : 1 + random.Next(6);
            var dark = false;
            for (var i = 0; i < modules.Length; i++)
            {
                if (i % runLength == 0)
                {
                    dark = random.Next(sample % 5 == 0 ? 4 : 2) == 0;
                }

                modules[i] = dark;
            }

            QrCode.RowPenalty(modules, size).Should().Be(QrCode.Penalty(modules, size), "sample {0}", sample);
        }

        var code = QrCode.Encode("HA-7K3QX9");
        var symbol = new bool[code.Size * code.Size];
        for (var i = 0; i < symbol.Length; i++)
        {
            symbol[i] = code[i % code.Size, i / code.Size];
        }

        QrCode.RowPenalty(symbol, code.Size).Should().Be(QrCode.Penalty(symbol, code.Size));
    }

    [Fact]
    public void Encode_TooLong_Throws()
    {
        var act = () => QrCode.Encode(new string('x', 3000));

        act.Should().Throw<ArgumentException>();
    }

    private static byte[][] Unfilter(byte[] data, int stride, int rows)
    {
        var result = new byte[rows][];
        for (var r = 0; r < rows; r++)
        {
            var filter = data[r * (stride + 1)];
            var line = data.AsSpan((r * (stride + 1)) + 1, stride).ToArray();
            filter.Should().BeOneOf((byte)0, (byte)2);
            if (filter == 2)
            {
                for (var i = 0; i < stride; i++)
                {
                    line[i] += result[r - 1][i];
                }
            }

            result[r] = line;
        }

        return result;
    }
}
