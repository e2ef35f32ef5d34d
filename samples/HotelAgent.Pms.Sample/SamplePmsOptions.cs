using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Pms.Sample;

/// <summary>
/// Options of the sample PMS adapter: where the PMS is and what it sells. A real adapter adds the PMS's address and
/// key here (the key never logged, never in <c>ToString</c>).
/// </summary>
public class SamplePmsOptions
{
    /// <summary>Gets or sets the name of the hotel.</summary>
    /// <value>The default value is <c>Hotel Sample</c>.</value>
    [Required]
    public string HotelName { get; set; } = "Hotel Sample";

    /// <summary>Gets or sets how many rooms of each type the hotel has.</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 20)]
    public int RoomsPerType { get; set; } = 3;
}
