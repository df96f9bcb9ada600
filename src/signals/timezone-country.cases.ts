// Test data for timezone-country.test.ts, from tzdata 2025c zone.tab and the ICU names Node 20 reports for those zones.

/** `zone country` pairs: every zone.tab entry of a covered country, and its ICU legacy name where it differs. */
export const COVERED_ZONES = `
Asia/Dubai AE
America/Argentina/Buenos_Aires AR
America/Buenos_Aires AR
America/Argentina/Cordoba AR
America/Cordoba AR
America/Argentina/Salta AR
America/Argentina/Jujuy AR
America/Jujuy AR
America/Argentina/Tucuman AR
America/Argentina/Catamarca AR
America/Catamarca AR
America/Argentina/La_Rioja AR
America/Argentina/San_Juan AR
America/Argentina/Mendoza AR
America/Mendoza AR
America/Argentina/San_Luis AR
America/Argentina/Rio_Gallegos AR
America/Argentina/Ushuaia AR
Europe/Vienna AT
Australia/Lord_Howe AU
Antarctica/Macquarie AU
Australia/Hobart AU
Australia/Melbourne AU
Australia/Sydney AU
Australia/Broken_Hill AU
Australia/Brisbane AU
Australia/Lindeman AU
Australia/Adelaide AU
Australia/Darwin AU
Australia/Perth AU
Australia/Eucla AU
Europe/Mariehamn AX
Europe/Brussels BE
Europe/Sofia BG
America/Noronha BR
America/Belem BR
America/Fortaleza BR
America/Recife BR
America/Araguaina BR
America/Maceio BR
America/Bahia BR
America/Sao_Paulo BR
America/Campo_Grande BR
America/Cuiaba BR
America/Santarem BR
America/Porto_Velho BR
America/Boa_Vista BR
America/Manaus BR
America/Eirunepe BR
America/Rio_Branco BR
America/St_Johns CA
America/Halifax CA
America/Glace_Bay CA
America/Moncton CA
America/Goose_Bay CA
America/Blanc-Sablon CA
America/Toronto CA
America/Iqaluit CA
America/Atikokan CA
America/Coral_Harbour CA
America/Winnipeg CA
America/Resolute CA
America/Rankin_Inlet CA
America/Regina CA
America/Swift_Current CA
America/Edmonton CA
America/Cambridge_Bay CA
America/Inuvik CA
America/Creston CA
America/Dawson_Creek CA
America/Fort_Nelson CA
America/Whitehorse CA
America/Dawson CA
America/Vancouver CA
Europe/Zurich CH
Asia/Shanghai CN
Asia/Urumqi CN
Asia/Nicosia CY
Asia/Famagusta CY
Europe/Prague CZ
Europe/Berlin DE
Europe/Busingen DE
Europe/Copenhagen DK
Europe/Tallinn EE
Africa/Cairo EG
Europe/Madrid ES
Africa/Ceuta ES
Atlantic/Canary ES
Europe/Helsinki FI
Europe/Paris FR
Europe/London GB
America/Cayenne GF
America/Guadeloupe GP
Europe/Athens GR
Asia/Hong_Kong HK
Europe/Zagreb HR
Europe/Budapest HU
Asia/Jakarta ID
Asia/Pontianak ID
Asia/Makassar ID
Asia/Jayapura ID
Europe/Dublin IE
Asia/Jerusalem IL
Asia/Kolkata IN
Asia/Calcutta IN
Atlantic/Reykjavik IS
Europe/Rome IT
Asia/Tokyo JP
Africa/Nairobi KE
Asia/Seoul KR
Europe/Vaduz LI
Europe/Vilnius LT
Europe/Luxembourg LU
Europe/Riga LV
America/Martinique MQ
Europe/Malta MT
America/Mexico_City MX
America/Cancun MX
America/Merida MX
America/Monterrey MX
America/Matamoros MX
America/Chihuahua MX
America/Ciudad_Juarez MX
America/Ojinaga MX
America/Mazatlan MX
America/Bahia_Banderas MX
America/Hermosillo MX
America/Tijuana MX
Asia/Kuala_Lumpur MY
Asia/Kuching MY
Africa/Lagos NG
Europe/Amsterdam NL
Europe/Oslo NO
Pacific/Auckland NZ
Pacific/Chatham NZ
Asia/Manila PH
Europe/Warsaw PL
Europe/Lisbon PT
Atlantic/Madeira PT
Atlantic/Azores PT
Indian/Reunion RE
Europe/Bucharest RO
Europe/Kaliningrad RU
Europe/Moscow RU
Europe/Simferopol UA
Europe/Kirov RU
Europe/Volgograd RU
Europe/Astrakhan RU
Europe/Saratov RU
Europe/Ulyanovsk RU
Europe/Samara RU
Asia/Yekaterinburg RU
Asia/Omsk RU
Asia/Novosibirsk RU
Asia/Barnaul RU
Asia/Tomsk RU
Asia/Novokuznetsk RU
Asia/Krasnoyarsk RU
Asia/Irkutsk RU
Asia/Chita RU
Asia/Yakutsk RU
Asia/Khandyga RU
Asia/Vladivostok RU
Asia/Ust-Nera RU
Asia/Magadan RU
Asia/Sakhalin RU
Asia/Srednekolymsk RU
Asia/Kamchatka RU
Asia/Anadyr RU
Asia/Riyadh SA
Europe/Stockholm SE
Asia/Singapore SG
Europe/Ljubljana SI
Europe/Bratislava SK
Asia/Bangkok TH
Europe/Istanbul TR
Asia/Taipei TW
Europe/Kyiv UA
Europe/Kiev UA
America/New_York US
America/Detroit US
America/Kentucky/Louisville US
America/Louisville US
America/Kentucky/Monticello US
America/Indiana/Indianapolis US
America/Indianapolis US
America/Indiana/Vincennes US
America/Indiana/Winamac US
America/Indiana/Marengo US
America/Indiana/Petersburg US
America/Indiana/Vevay US
America/Chicago US
America/Indiana/Tell_City US
America/Indiana/Knox US
America/Menominee US
America/North_Dakota/Center US
America/North_Dakota/New_Salem US
America/North_Dakota/Beulah US
America/Denver US
America/Boise US
America/Phoenix US
America/Los_Angeles US
America/Anchorage US
America/Juneau US
America/Sitka US
America/Metlakatla US
America/Yakutat US
America/Nome US
America/Adak US
Pacific/Honolulu US
Asia/Ho_Chi_Minh VN
Asia/Saigon VN
Indian/Mayotte YT
Africa/Johannesburg ZA
`.trim().split("\n").map((line) => line.split(" ") as [string, string]);

/** Every other zone.tab entry: no guess, or a wrong country would be worse than none. */
export const OTHER_ZONES = (
  'Europe/Andorra Asia/Kabul America/Antigua America/Anguilla Europe/Tirane Asia/Yerevan ' +
  'Africa/Luanda Antarctica/McMurdo Antarctica/Casey Antarctica/Davis Antarctica/DumontDUrville ' +
  'Antarctica/Mawson Antarctica/Palmer Antarctica/Rothera Antarctica/Syowa Antarctica/Troll ' +
  'Antarctica/Vostok Pacific/Pago_Pago America/Aruba Asia/Baku Europe/Sarajevo America/Barbados ' +
  'Asia/Dhaka Africa/Ouagadougou Asia/Bahrain Africa/Bujumbura Africa/Porto-Novo ' +
  'America/St_Barthelemy Atlantic/Bermuda Asia/Brunei America/La_Paz America/Kralendijk ' +
  'America/Nassau Asia/Thimphu Africa/Gaborone Europe/Minsk America/Belize Indian/Cocos ' +
  'Africa/Kinshasa Africa/Lubumbashi Africa/Bangui Africa/Brazzaville Africa/Abidjan ' +
  'Pacific/Rarotonga America/Santiago America/Coyhaique America/Punta_Arenas Pacific/Easter ' +
  'Africa/Douala America/Bogota America/Costa_Rica America/Havana Atlantic/Cape_Verde ' +
  'America/Curacao Indian/Christmas Africa/Djibouti America/Dominica America/Santo_Domingo ' +
  'Africa/Algiers America/Guayaquil Pacific/Galapagos Africa/El_Aaiun Africa/Asmara ' +
  'Africa/Addis_Ababa Pacific/Fiji Atlantic/Stanley Pacific/Chuuk Pacific/Pohnpei Pacific/Kosrae ' +
  'Atlantic/Faroe Africa/Libreville America/Grenada Asia/Tbilisi Europe/Guernsey Africa/Accra ' +
  'Europe/Gibraltar America/Nuuk America/Danmarkshavn America/Scoresbysund America/Thule ' +
  'Africa/Banjul Africa/Conakry Africa/Malabo Atlantic/South_Georgia America/Guatemala Pacific/Guam ' +
  'Africa/Bissau America/Guyana America/Tegucigalpa America/Port-au-Prince Europe/Isle_of_Man ' +
  'Indian/Chagos Asia/Baghdad Asia/Tehran Europe/Jersey America/Jamaica Asia/Amman Asia/Bishkek ' +
  'Asia/Phnom_Penh Pacific/Tarawa Pacific/Kanton Pacific/Kiritimati Indian/Comoro America/St_Kitts ' +
  'Asia/Pyongyang Asia/Kuwait America/Cayman Asia/Almaty Asia/Qyzylorda Asia/Qostanay Asia/Aqtobe ' +
  'Asia/Aqtau Asia/Atyrau Asia/Oral Asia/Vientiane Asia/Beirut America/St_Lucia Asia/Colombo ' +
  'Africa/Monrovia Africa/Maseru Africa/Tripoli Africa/Casablanca Europe/Monaco Europe/Chisinau ' +
  'Europe/Podgorica America/Marigot Indian/Antananarivo Pacific/Majuro Pacific/Kwajalein ' +
  'Europe/Skopje Africa/Bamako Asia/Yangon Asia/Ulaanbaatar Asia/Hovd Asia/Macau Pacific/Saipan ' +
  'Africa/Nouakchott America/Montserrat Indian/Mauritius Indian/Maldives Africa/Blantyre ' +
  'Africa/Maputo Africa/Windhoek Pacific/Noumea Africa/Niamey Pacific/Norfolk America/Managua ' +
  'Asia/Kathmandu Pacific/Nauru Pacific/Niue Asia/Muscat America/Panama America/Lima Pacific/Tahiti ' +
  'Pacific/Marquesas Pacific/Gambier Pacific/Port_Moresby Pacific/Bougainville Asia/Karachi ' +
  'America/Miquelon Pacific/Pitcairn America/Puerto_Rico Asia/Gaza Asia/Hebron Pacific/Palau ' +
  'America/Asuncion Asia/Qatar Europe/Belgrade Africa/Kigali Pacific/Guadalcanal Indian/Mahe ' +
  'Africa/Khartoum Atlantic/St_Helena Arctic/Longyearbyen Africa/Freetown Europe/San_Marino ' +
  'Africa/Dakar Africa/Mogadishu America/Paramaribo Africa/Juba Africa/Sao_Tome America/El_Salvador ' +
  'America/Lower_Princes Asia/Damascus Africa/Mbabane America/Grand_Turk Africa/Ndjamena ' +
  'Indian/Kerguelen Africa/Lome Asia/Dushanbe Pacific/Fakaofo Asia/Dili Asia/Ashgabat Africa/Tunis ' +
  'Pacific/Tongatapu America/Port_of_Spain Pacific/Funafuti Africa/Dar_es_Salaam Africa/Kampala ' +
  'Pacific/Midway Pacific/Wake America/Montevideo Asia/Samarkand Asia/Tashkent Europe/Vatican ' +
  'America/St_Vincent America/Caracas America/Tortola America/St_Thomas Pacific/Efate ' +
  'Pacific/Wallis Pacific/Apia Asia/Aden Africa/Lusaka Africa/Harare '
).trim().split(" ");
