using Microsoft.Extensions.Options;

namespace HotelAgent;

[OptionsValidator]
internal sealed partial class HotelAgentOptionsValidator : IValidateOptions<HotelAgentOptions>
{
}
