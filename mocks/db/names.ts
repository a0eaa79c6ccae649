// Realistic Nordic and European names for the demo organisation.
export const FIRST_NAMES = [
  'Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Ingrid', 'Per', 'Kristina',
  'Mikael', 'Sofia', 'Nils', 'Elin', 'Magnus', 'Astrid', 'Oskar', 'Linnea', 'Gustav', 'Maja', 'Henrik',
  'Sara', 'Fredrik', 'Emma', 'Jonas', 'Ida', 'Mattias', 'Frida', 'Björn', 'Sigrid', 'Olof', 'Hanna',
  'Pekka', 'Aino', 'Mikko', 'Liisa', 'Jukka', 'Sanna', 'Søren', 'Mette', 'Rasmus', 'Freja', 'Ole',
  'Kari', 'Håkon', 'Solveig', 'Jan', 'Petra', 'Tomasz', 'Agnieszka', 'Lukas', 'Julia', 'Pierre',
  'Claire', 'Marco', 'Giulia', 'Javier', 'Lucía', 'Daan', 'Sanne', 'Katarzyna', 'Andreas', 'Greta',
];
export const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindberg',
  'Lindqvist', 'Lundgren', 'Berg', 'Sandberg', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Åberg',
  'Öberg', 'Holmqvist', 'Nyström', 'Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Hansen',
  'Jensen', 'Nielsen', 'Pedersen', 'Christensen', 'Johansen', 'Olsen', 'Haugen', 'Bakken',
  'Kowalski', 'Nowak', 'Müller', 'Schneider', 'Fischer', 'Dubois', 'Lefebvre', 'Rossi', 'Bianchi',
  'García', 'Fernández', 'de Vries', 'Jansen', 'van Dijk', 'Novák', 'Horváth', 'Murphy', 'Kelly',
];
export const ORG_UNITS = [
  'Finance', 'Human Resources', 'IT Operations', 'Facilities', 'Research and Development', 'Sales',
  'Legal', 'Customer Service', 'Production', 'Security Office', 'Procurement', 'Communications',
];
export const EMPLOYER = 'Nordvik AB';
export const CONTRACTOR_COMPANIES = [
  'Kallström Konsult AB', 'Baltic Build Oy', 'Delta Security GmbH', 'Fjord IT AS', 'Hansa Logistics ApS',
];
export const VISITOR_COMPANIES = [
  'Stockholm University', 'Region Skåne', 'Aalto Partners', 'Copenhagen Medical', 'Vienna Audit GmbH',
];
